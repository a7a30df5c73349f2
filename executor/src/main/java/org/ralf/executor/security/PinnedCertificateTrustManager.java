package org.ralf.executor.security;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, identified by the SHA-256 fingerprint of its DER encoding
 * (what {@code pvenode cert info} prints). This is how Proxmox hosts with their default self-signed
 * certificates are reached safely: the pin replaces CA and host-name validation, because it already
 * names the one certificate that is acceptable.
 */
public final class PinnedCertificateTrustManager extends X509ExtendedTrustManager {

    private final byte[] pin;

    /**
     * @param fingerprint hex SHA-256, with or without colons, any case
     */
    public PinnedCertificateTrustManager(String fingerprint) {
        String hex = fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                    "certificate fingerprint must be 32 bytes of SHA-256 hex");
        }
        this.pin = HexFormat.of().parseHex(hex);
    }

    /** An SSL context that trusts only the pinned certificate. */
    public static SSLContext sslContext(String fingerprint) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(
                null,
                new TrustManager[] {new PinnedCertificateTrustManager(fingerprint)},
                new SecureRandom());
        return ctx;
    }

    /** The colon-separated upper-case SHA-256 fingerprint of a certificate. */
    public static String fingerprint(X509Certificate cert) throws CertificateEncodingException {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(cert.getEncoded()));
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no server certificate");
        }
        if (!MessageDigest.isEqual(pin, sha256(chain[0].getEncoded()))) {
            throw new CertificateException(
                    "server certificate does not match the pinned fingerprint");
        }
    }

    private static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
        throw new CertificateException("client certificates are not trusted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client certificates are not trusted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client certificates are not trusted");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
