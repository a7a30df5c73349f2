package org.ralf.connectors.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.ralf.connectors.ConnectorException;
import org.ralf.schemas.deadletter.DeadLetterCause;

/**
 * Read-only HTTP(S) GETs with a response size limit, for the API readers. With a certificate
 * fingerprint, TLS trusts exactly the server certificate of that SHA-256 fingerprint (the usual way
 * to reach a Proxmox host with a self-signed certificate) and skips host-name checks, since the pin
 * identifies the server; without one, the JVM's trust store and host-name checks apply.
 */
final class HttpSource {

    /**
     * A response.
     *
     * @param status HTTP status
     * @param body at most the limit of bytes
     * @param oversized whether the body was longer than the limit (then {@code body} is cut)
     */
    record Response(int status, byte[] body, boolean oversized) {

        /** The rejection of an oversized response ({@code body} holds the limit of bytes). */
        Rejected tooLarge(String where) {
            return new Rejected(
                    body,
                    DeadLetterCause.TOO_LARGE,
                    where + ": response larger than the limit of " + body.length + " bytes");
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    /**
     * @param fingerprint SHA-256 fingerprint of the server certificate (hex, colons optional), or
     *     null for the default trust store
     * @param timeout connect and request timeout
     * @param maxBytes response size limit
     */
    HttpSource(@Nullable String fingerprint, Duration timeout, int maxBytes) {
        HttpClient.Builder b =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER);
        if (fingerprint != null && !fingerprint.isBlank()) {
            b.sslContext(pinned(fingerprint));
            SSLParameters params = new SSLParameters();
            params.setEndpointIdentificationAlgorithm(null);
            b.sslParameters(params);
        }
        this.client = b.build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /**
     * GETs the URI.
     *
     * @param authorization value of the Authorization header
     * @throws ConnectorException if the server cannot be reached or the request times out
     */
    Response get(URI uri, String authorization) throws ConnectorException {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .GET()
                        .build();
        try {
            HttpResponse<InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(maxBytes + 1);
                boolean oversized = body.length > maxBytes;
                return new Response(
                        response.statusCode(),
                        oversized ? java.util.Arrays.copyOf(body, maxBytes) : body,
                        oversized);
            }
        } catch (IOException e) {
            throw new ConnectorException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted during GET " + uri, e);
        }
    }

    /** The base URI (with or without a trailing slash) followed by the path and query. */
    static URI resolve(URI base, String pathAndQuery) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + pathAndQuery);
    }

    /** Normalises a fingerprint to lowercase hex without separators. */
    static String normaliseFingerprint(String fingerprint) {
        return fingerprint.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static SSLContext pinned(String fingerprint) {
        String expected = normaliseFingerprint(fingerprint);
        X509TrustManager trust =
                new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType)
                            throws CertificateException {
                        throw new CertificateException("client certificates are not accepted");
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType)
                            throws CertificateException {
                        if (chain == null || chain.length == 0) {
                            throw new CertificateException("server sent no certificate");
                        }
                        try {
                            String actual =
                                    HexFormat.of()
                                            .formatHex(
                                                    MessageDigest.getInstance("SHA-256")
                                                            .digest(chain[0].getEncoded()));
                            if (!MessageDigest.isEqual(
                                    actual.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                                    expected.getBytes(
                                            java.nio.charset.StandardCharsets.US_ASCII))) {
                                throw new CertificateException(
                                        "server certificate fingerprint "
                                                + actual
                                                + " does not match the pinned "
                                                + expected);
                            }
                        } catch (GeneralSecurityException e) {
                            throw new CertificateException(e);
                        }
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }
}
