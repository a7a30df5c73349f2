package org.ralf.simulator.proxmox;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A freshly generated self-signed certificate (EC P-256, CN and SAN localhost / 127.0.0.1) and a
 * server SSL context around it, like the certificate a fresh Proxmox node creates for itself.
 */
public final class SelfSignedTls {

    private final X509Certificate certificate;
    private final SSLContext serverContext;

    private SelfSignedTls(X509Certificate certificate, SSLContext serverContext) {
        this.certificate = certificate;
        this.serverContext = serverContext;
    }

    /** Generates a new key pair and certificate. */
    public static SelfSignedTls generate() {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(256);
            KeyPair kp = kpg.generateKeyPair();
            X500Name name = new X500Name("CN=localhost, O=RALF FakeProxmox");
            Instant now = Instant.now();
            X509v3CertificateBuilder b =
                    new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(Duration.ofDays(1))),
                            Date.from(now.plus(Duration.ofDays(365))),
                            name,
                            kp.getPublic());
            b.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(
                            new GeneralName[] {
                                new GeneralName(GeneralName.dNSName, "localhost"),
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                            }));
            ContentSigner signer =
                    new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate());
            X509Certificate cert =
                    new JcaX509CertificateConverter().getCertificate(b.build(signer));
            char[] pw = "fake".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("fake-proxmox", kp.getPrivate(), pw, new Certificate[] {cert});
            KeyManagerFactory kmf =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new SelfSignedTls(cert, ctx);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    /** The certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The server-side SSL context. */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** SHA-256 fingerprint of the certificate, upper-case hex separated by colons. */
    public String sha256Fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
