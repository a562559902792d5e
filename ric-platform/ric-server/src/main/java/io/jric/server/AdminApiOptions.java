package io.jric.server;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How a CLI command reaches a running RIC's admin API ({@code --url}, {@code --token}, TLS), shared
 * by {@code ric xapp} and {@code ric sim} as a picocli mixin.
 */
final class AdminApiOptions {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The RIC's admin API (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", defaultValue = "${env:RIC_ADMIN_TOKEN}",
            description = "Bearer token of the admin API (default: $RIC_ADMIN_TOKEN; `ric demo` needs none).")
    String token;

    @Option(names = "--cacert", description = "PEM CA to trust for an https:// --url.")
    Path cacert;

    @Option(names = "--cert", description = "PEM client certificate, for a RIC that requires one (mutual TLS).")
    Path cert;

    @Option(names = "--key", description = "PKCS#8 PEM key of --cert.")
    Path key;

    /** Sends one request to {@code url + path} and prints the answer; the process exit code. */
    int call(String method, String path, String body) throws IOException, InterruptedException {
        // Plain http: java.net.HttpURLConnection, which starts in a fraction of the time HttpClient takes
        // to set up TLS it would not use (about 0.5 s of a 1 s CLI call on 2 cores)
        if (url.startsWith("http://")) return XappCommand.callPlain(method, url + path, body, token);
        return XappCommand.call(client(), method, url + path, body, token);
    }

    /** The status of a GET of {@code path}, printing nothing (e.g. to see whether a resource exists). */
    int status(String path) throws IOException, InterruptedException {
        return get(path, Duration.ofSeconds(30)).statusCode();
    }

    /** A GET of {@code path}, its answer as text, printing nothing. */
    java.net.http.HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder r = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + path))
                .timeout(timeout).GET();
        if (token != null && !token.isBlank()) r.header("Authorization", "Bearer " + token.trim());
        try {
            return client().send(r.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IllegalArgumentException("no RIC admin API at " + url + " (is `ric run` or `ric demo` running? --url sets it)");
        }
    }

    private HttpClient client() throws IOException {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (cacert != null) client.sslContext(PemTls.context(cacert, cert, key));
        return client.build();
    }
}
