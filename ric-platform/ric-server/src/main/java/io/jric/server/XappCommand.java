package io.jric.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.descriptor.DescriptorException;
import io.jric.api.xapp.descriptor.DescriptorProblem;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.descriptor.ImportResult;
import io.jric.core.internal.descriptor.OranScImporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code ric xapp ...}: install, list, status, upgrade, remove (through a running RIC's admin API), validate, import. */
@Command(name = "xapp", mixinStandardHelpOptions = true, description = "Manage xApps of a running RIC.",
        subcommands = {XappCommand.Install.class, XappCommand.Upgrade.class, XappCommand.ListXapps.class,
            XappCommand.Status.class, XappCommand.Remove.class, XappCommand.Validate.class, XappCommand.ImportOran.class})
final class XappCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Mixin
    AdminApiOptions admin;

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    int call(String method, String path, String body) throws IOException, InterruptedException {
        return admin.call(method, path, body);
    }

    static int call(String method, String url, String body, String token) throws IOException, InterruptedException {
        return call(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), method, url, body, token);
    }

    /** Sends one request and prints the answer; a problem+json answer becomes a one-line error. */
    static int call(HttpClient client, String method, String url, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null && !token.isBlank()) b.header("Authorization", "Bearer " + token.trim());
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw noRic(url);
        }
        return print(r.statusCode(), r.body());
    }

    private static IllegalArgumentException noRic(String url) {
        return new IllegalArgumentException("no RIC admin API at " + url + " (is `ric run` or `ric demo` running? --url sets it)");
    }

    /** {@link #call(HttpClient, String, String, String, String)} over plain http with {@link java.net.HttpURLConnection}. */
    static int callPlain(String method, String url, String body, String token) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(60_000);
        c.setRequestMethod(method);
        if (token != null && !token.isBlank()) c.setRequestProperty("Authorization", "Bearer " + token.trim());
        try {
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                try (var out = c.getOutputStream()) {
                    out.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            var in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String answer = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return print(status, answer);
        } catch (java.net.ConnectException e) {
            throw noRic(url);
        } finally {
            c.disconnect();
        }
    }

    /** Prints an answer; a problem+json answer becomes an error naming every problem. */
    private static int print(int status, String answer) throws IOException {
        if (status >= 400) {
            String detail = answer;
            try {
                JsonNode p = JSON.readTree(answer);
                detail = p.path("detail").asText(answer);
                if (p.has("problems")) {
                    StringBuilder sb = new StringBuilder(detail);
                    for (JsonNode x : p.get("problems")) sb.append("\n  ").append(problemLine(x));
                    detail = sb.toString();
                }
            } catch (IOException ignored) {
                // not JSON: print as is
            }
            System.err.println("ric: " + status + " " + detail);
            return 1;
        }
        if (!answer.isEmpty()) {
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(answer)));
        }
        return 0;
    }

    /**
     * One problem of a problem+json answer: {@code field: message} for descriptor problems (the admin API
     * sends {field, message}); A1's problems carry the pointer in their message already.
     */
    static String problemLine(JsonNode x) {
        String message = x.path("message").asText();
        String field = x.path("field").asText(x.path("pointer").asText(""));
        return field.isEmpty() || message.startsWith(field + ":") ? message : field + ": " + message;
    }

    static String installBody(Path descriptor, Path jar) throws IOException {
        String json = DescriptorParser.toJson(DescriptorParser.parse(descriptor));
        ObjectNode body = JSON.createObjectNode();
        body.set("descriptor", JSON.readTree(json));
        if (jar != null) body.put("jar", Base64.getEncoder().encodeToString(Files.readAllBytes(jar)));
        return body.toString();
    }

    static void print(PrintWriter err, DescriptorException e) {
        err.println("ric: " + e.problems().size() + " problem(s) in "
                + (e.source() == null ? "the descriptor" : e.source()) + ":");
        for (DescriptorProblem p : e.problems()) err.println("  " + p);  // "/field: message"
        err.flush();
    }

    @Command(name = "install", mixinStandardHelpOptions = true, description = "Install an xApp from its descriptor.")
    static final class Install implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ParentCommand XappCommand parent;
        @Parameters(index = "0", description = "The descriptor (xapp.json).") Path descriptor;
        @Option(names = "--jar", description = "The xApp's jar (omit when its provider is on the RIC's classpath).") Path jar;

        @Override
        public Integer call() throws Exception {
            try {
                return parent.call("POST", "/ric/v1/xapps", installBody(descriptor, jar));
            } catch (DescriptorException e) {
                print(spec.commandLine().getErr(), e);
                return 2;
            }
        }
    }

    @Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Replace an installed xApp with a new version.")
    static final class Upgrade implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ParentCommand XappCommand parent;
        @Parameters(index = "0", description = "The new descriptor.") Path descriptor;
        @Option(names = "--jar", description = "The new jar.") Path jar;

        @Override
        public Integer call() throws Exception {
            try {
                String name = DescriptorParser.parse(descriptor).name();
                return parent.call("PUT", "/ric/v1/xapps/" + name, installBody(descriptor, jar));
            } catch (DescriptorException e) {
                print(spec.commandLine().getErr(), e);
                return 2;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List installed xApps.")
    static final class ListXapps implements Callable<Integer> {
        @ParentCommand XappCommand parent;

        @Override
        public Integer call() throws Exception {
            return parent.call("GET", "/ric/v1/xapps", null);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show an xApp's descriptor and instances.")
    static final class Status implements Callable<Integer> {
        @ParentCommand XappCommand parent;
        @Parameters(index = "0", description = "The xApp's name.") String name;

        @Override
        public Integer call() throws Exception {
            return parent.call("GET", "/ric/v1/xapps/" + name, null);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an xApp and everything it registered.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand XappCommand parent;
        @Parameters(index = "0", description = "The xApp's name.") String name;

        @Override
        public Integer call() throws Exception {
            int code = parent.call("DELETE", "/ric/v1/xapps/" + name, null);
            if (code == 0) System.out.println("removed " + name);
            return code;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a descriptor without a RIC.")
    static final class Validate implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "The descriptor.") Path descriptor;

        @Override
        public Integer call() {
            try {
                var d = DescriptorParser.parse(descriptor);
                spec.commandLine().getOut().println(descriptor + ": valid (" + d.name() + " " + d.version() + ")");
                return 0;
            } catch (DescriptorException e) {
                print(spec.commandLine().getErr(), e);
                if (e.problems().stream().anyMatch(p -> p.field().equals("/xapp_name") || p.field().equals("/messaging"))) {
                    spec.commandLine().getErr().println("ric: this looks like an O-RAN SC config-file.json; convert it with"
                            + " ric xapp import-oran " + descriptor + " -o xapp.json");
                }
                return 2;
            }
        }
    }

    @Command(name = "import-oran", mixinStandardHelpOptions = true,
            description = "Convert an O-RAN SC config-file.json into a descriptor, reporting what does not map.")
    static final class ImportOran implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "The O-RAN SC config-file.json.") Path config;
        @Option(names = {"-o", "--output"}, description = "Where to write the descriptor (default: print it).") Path output;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            try {
                // Refuse a bad output place before reading anything, so that nothing is half done
                Path dir = output == null ? null : output.toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    err.println("ric: cannot write " + output + ": the directory " + dir
                            + " does not exist (create it first; nothing was written)");
                    return 2;
                }
                if (output != null && Files.isDirectory(output)) {
                    err.println("ric: cannot write " + output + ": it is a directory (name the descriptor file,"
                            + " e.g. " + output.resolve("xapp.json") + "; nothing was written)");
                    return 2;
                }
                ImportResult r = OranScImporter.importFile(config);
                String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                        JSON.readTree(DescriptorParser.toJson(r.descriptor())));
                if (output != null) {
                    try {
                        Files.writeString(output, json + "\n");
                    } catch (IOException e) {
                        err.println("ric: cannot write " + output + ": " + e);
                        return 2;
                    }
                } else {
                    spec.commandLine().getOut().println(json);
                }
                err.println("import report for " + config + ": " + r.mapped().size() + " mapped, "
                        + r.assumed().size() + " assumed, " + r.notMapped().size() + " not mapped (dropped)"
                        + (output != null ? "; descriptor written to " + output : ""));
                for (String m : r.mapped()) err.println("  mapped:     " + m);
                for (String m : r.assumed()) err.println("  assumed:    " + m);
                for (String m : r.notMapped()) err.println("  not mapped: " + m);
                err.flush();
                return 0;
            } catch (DescriptorException e) {
                print(err, e);
                return 2;
            }
        }
    }
}
