package io.jric.core.internal.grid;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.cache.configuration.Factory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** {@link SSLContext}s from PEM files for the grid's thin-client connector and its clients. */
public final class GridTls {
    private GridTls() {}

    /** The connector's context: its chain and key, trusting only client certificates from {@code clientCa}. */
    static SSLContext serverContext(Path cert, Path key, Path clientCa) {
        return context(cert, key, clientCa, "grid.thinClient.tls");
    }

    /** A thin client's context: its certificate and key, trusting {@code ca} for the connector's certificate. */
    public static SSLContext clientContext(Path cert, Path key, Path ca) {
        return context(cert, key, ca, "thin-client tls");
    }

    private static SSLContext context(Path cert, Path key, Path ca, String what) {
        try {
            char[] none = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("me", privateKey(key), none, certificates(cert).toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, none);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(ca)) trust.setCertificateEntry("ca" + i++, c);
            if (i == 0) throw new IllegalArgumentException(what + ": " + ca + " holds no certificate");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(what + ": cannot use " + cert + ", " + key + ", " + ca + ": " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(pem + " is not a PKCS#8 PEM key (expected: -----BEGIN PRIVATE KEY-----)");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (InvalidKeySpecException e) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }

    /** An Ignite SSL context factory handing out one prepared context. */
    public static final class Fixed implements Factory<SSLContext> {
        private static final long serialVersionUID = 1L;
        private final transient SSLContext ctx;

        public Fixed(SSLContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public SSLContext create() {
            return ctx;
        }
    }
}
