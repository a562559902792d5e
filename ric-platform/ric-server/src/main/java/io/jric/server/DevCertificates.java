package io.jric.server;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development certificate authority (EC P-256, with Bouncy Castle): a CA, a server
 * certificate for the RIC (E2, HTTP) with the given host names and addresses, and client
 * certificates for E2 nodes and operators. Every file is PEM; keys are PKCS#8. For development
 * and tests; production certificates come from the operator's PKI.
 */
final class DevCertificates {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final Duration VALIDITY = Duration.ofDays(365);

    private DevCertificates() {}

    /** Writes ca.pem/ca.key, ric.pem/ric.key, node.pem/node.key, node2.pem/node2.key, operator.pem/operator.key into {@code dir}. */
    static List<Path> create(Path dir, List<String> hosts) {
        try {
            Files.createDirectories(dir);
            KeyPair ca = keyPair();
            X500Name caName = new X500Name("CN=jRIC development CA");
            X509Certificate caCert = build(caName, ca.getPublic(), caName, ca, true, null, null);
            List<Path> written = new ArrayList<>();
            written.add(write(dir.resolve("ca.pem"), caCert));
            written.add(write(dir.resolve("ca.key"), ca));
            issue(dir, "ric", "CN=jRIC", caName, ca, hosts, KeyPurposeId.id_kp_serverAuth, written);
            issue(dir, "node", "CN=jRIC E2 node", caName, ca, List.of(), KeyPurposeId.id_kp_clientAuth, written);
            // A second node identity, to try binding node ids to certificates (e2.tls.allowedNodeIds).
            issue(dir, "node2", "CN=jRIC E2 node 2", caName, ca, List.of(), KeyPurposeId.id_kp_clientAuth, written);
            issue(dir, "operator", "CN=jRIC operator", caName, ca, List.of(), KeyPurposeId.id_kp_clientAuth, written);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("certs: cannot write into " + dir, e);
        } catch (Exception e) {
            throw new IllegalStateException("certs: " + e.getMessage(), e);
        }
    }

    private static void issue(Path dir, String name, String subject, X500Name caName, KeyPair ca, List<String> hosts,
                              KeyPurposeId purpose, List<Path> written) throws Exception {
        KeyPair kp = keyPair();
        X509Certificate cert = build(new X500Name(subject), kp.getPublic(), caName, ca, false, hosts, purpose);
        written.add(write(dir.resolve(name + ".pem"), cert));
        written.add(write(dir.resolve(name + ".key"), kp));
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    private static X509Certificate build(X500Name subject, java.security.PublicKey subjectKey, X500Name issuer,
                                         KeyPair issuerKeys, boolean isCa, List<String> hosts, KeyPurposeId purpose)
            throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, subjectKey);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (hosts != null && !hosts.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String h : hosts) {
                    boolean ip = h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || h.contains(":");
                    names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, h));
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
        }
        return new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(issuerKeys.getPrivate())));
    }

    private static Path write(Path file, X509Certificate cert) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(cert);
        }
        Files.writeString(file, w.toString());
        return file;
    }

    private static Path write(Path file, KeyPair kp) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(kp.getPrivate(), null));
        }
        Files.writeString(file, w.toString());
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return file;
    }
}
