package org.ralf.connectors.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.discovery.DiscoverySource;

class LeaseFileReaderTest {

    /** 2026-11-25T12:00:00Z. */
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long LATER = NOW.getEpochSecond() + 3600;
    private static final long EARLIER = NOW.getEpochSecond() - 3600;

    @TempDir Path dir;

    private LeaseFileReader dnsmasq(Path file) {
        return new LeaseFileReader(
                file, LeaseFileReader.Format.DNSMASQ, LeaseFileReader.DEFAULT_MAX_BYTES, CLOCK);
    }

    private LeaseFileReader isc(Path file) {
        return new LeaseFileReader(
                file, LeaseFileReader.Format.ISC, LeaseFileReader.DEFAULT_MAX_BYTES, CLOCK);
    }

    @Test
    void shouldReadCurrentDnsmasqLeasesKeyedByMac() throws Exception {
        // Arrange
        Path file = dir.resolve("dnsmasq.leases");
        Files.writeString(
                file,
                LATER
                        + " BC:24:11:00:00:01 192.168.10.21 web1 01:bc:24:11:00:00:01\n"
                        + EARLIER
                        + " bc:24:11:00:00:02 192.168.10.22 old *\n"
                        + "0 bc:24:11:00:00:03 192.168.10.23 * *\n"
                        + "duid 00:01:00:01:2c:aa:bb:cc:dd:ee:ff:00\n"
                        + LATER
                        + " 1234567 fd00::23 nas6 00:01:00:01\n");

        // Act
        PollResult result = dnsmasq(file).poll();

        // Assert
        assertThat(result.rejected()).isEmpty();
        assertThat(result.complete()).isTrue();
        assertThat(result.hosts())
                .extracting(HostObservation::hostId, HostObservation::ip)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "mac:bc:24:11:00:00:01", "192.168.10.21"),
                        org.assertj.core.groups.Tuple.tuple(
                                "mac:bc:24:11:00:00:03", "192.168.10.23"));
        assertThat(result.hosts().get(0).attributes()).containsEntry("hostname", "web1");
        assertThat(result.hosts().get(0).source()).isEqualTo(DiscoverySource.DHCP);
    }

    @Test
    void shouldLetTheLastActiveIscLeaseOfAnAddressWin() throws Exception {
        // Arrange
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(
                file,
                "# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
                        + "authoring-byte-order little-endian;\n"
                        + "server-duid \"\\000\\001\";\n"
                        + "lease 192.168.10.50 {\n"
                        + "  starts 3 2026/11/25 10:00:00;\n"
                        + "  ends 3 2026/11/25 22:00:00;\n"
                        + "  binding state active;\n"
                        + "  next binding state free;\n"
                        + "  hardware ethernet 52:54:00:aa:00:01;\n"
                        + "  uid \"\\001RT\\000\\252\\000\\001\";\n"
                        + "  client-hostname \"db1\";\n"
                        + "}\n"
                        + "lease 192.168.10.51 {\n"
                        + "  binding state active;\n"
                        + "  hardware ethernet 52:54:00:aa:00:02;\n"
                        + "}\n"
                        + "lease 192.168.10.51 {\n"
                        + "  binding state free;\n"
                        + "  hardware ethernet 52:54:00:aa:00:02;\n"
                        + "}\n");

        // Act
        PollResult result = isc(file).poll();

        // Assert
        assertThat(result.rejected()).isEmpty();
        assertThat(result.hosts()).hasSize(1);
        HostObservation db1 = result.hosts().get(0);
        assertThat(db1.hostId()).isEqualTo("mac:52:54:00:aa:00:01");
        assertThat(db1.ip()).isEqualTo("192.168.10.50");
        assertThat(db1.attributes()).containsEntry("hostname", "db1");
    }

    @Test
    void shouldRejectTruncatedWrongEncodingAndGarbageDnsmasqLinesAndKeepTheRest() throws Exception {
        // Arrange
        byte[] noise = new byte[64];
        new Random(11).nextBytes(noise);
        noise[0] = (byte) 0xff; // never valid UTF-8
        Path file = dir.resolve("dnsmasq.leases");
        byte[] content =
                concat(
                        (LATER + " bc:24:11:00:00:01 192.168.10.21 web1 *\n")
                                .getBytes(StandardCharsets.UTF_8),
                        (LATER + " bc:24:11:00:00:04 192.168.10.2\n")
                                .getBytes(StandardCharsets.UTF_8),
                        (LATER + " bc:24:11:00:00:05 192.168.10.25 caf\u00e9 *\n")
                                .getBytes(StandardCharsets.ISO_8859_1),
                        noise,
                        "\n".getBytes(StandardCharsets.UTF_8),
                        "hello world this is not a lease\n".getBytes(StandardCharsets.UTF_8),
                        (LATER + " bc:24:11:00:00:06 192.168.10.26 web6 *\n")
                                .getBytes(StandardCharsets.UTF_8));
        Files.write(file, content);

        // Act
        PollResult result = dnsmasq(file).poll();

        // Assert
        assertThat(result.hosts())
                .extracting(HostObservation::hostId)
                .containsExactly("mac:bc:24:11:00:00:01", "mac:bc:24:11:00:00:06");
        assertThat(result.rejected())
                .extracting(Rejected::reason)
                .satisfiesExactly(
                        r -> assertThat(r).contains(":2 has 3 fields"),
                        r -> assertThat(r).contains(":3 is not valid UTF-8"),
                        r -> assertThat(r).contains(":4 is not valid UTF-8"),
                        r -> assertThat(r).contains(":5 expiry 'hello'"));
        assertThat(result.rejected().get(1).raw())
                .isEqualTo(
                        (LATER + " bc:24:11:00:00:05 192.168.10.25 caf\u00e9 *")
                                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(result.complete()).isFalse();
    }

    @Test
    void shouldRejectATruncatedIscBlockAndKeepTheCompleteOnes() throws Exception {
        // Arrange
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(
                file,
                "lease 192.168.10.50 {\n"
                        + "  binding state active;\n"
                        + "  hardware ethernet 52:54:00:aa:00:01;\n"
                        + "}\n"
                        + "garbage without a semicolon\n"
                        + "lease 192.168.10.52 {\n"
                        + "  binding state active;\n"
                        + "  hardware ethernet 52:54:00:aa:00:03;\n"
                        + "  client-hostname \"half");

        // Act
        PollResult result = isc(file).poll();

        // Assert
        assertThat(result.hosts())
                .extracting(HostObservation::hostId)
                .containsExactly("mac:52:54:00:aa:00:01");
        assertThat(result.rejected())
                .extracting(Rejected::reason)
                .satisfiesExactly(
                        r -> assertThat(r).contains(":5 is no ISC dhcpd statement"),
                        r ->
                                assertThat(r)
                                        .contains(
                                                ":6: lease block for 192.168.10.52 is truncated"));
        assertThat(new String(result.rejected().get(1).raw(), StandardCharsets.UTF_8))
                .startsWith("lease 192.168.10.52 {")
                .contains("client-hostname \"half");
    }

    @Test
    void shouldRejectAnOversizedFileWholeAsIncomplete() throws Exception {
        // Arrange
        Path file = dir.resolve("dnsmasq.leases");
        Files.writeString(file, (LATER + " bc:24:11:00:00:01 192.168.10.21 web1 *\n").repeat(100));
        LeaseFileReader reader =
                new LeaseFileReader(file, LeaseFileReader.Format.DNSMASQ, 1000, CLOCK);

        // Act
        PollResult result = reader.poll();

        // Assert
        assertThat(result.hosts()).isEmpty();
        assertThat(result.complete()).isFalse();
        assertThat(result.rejected())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.cause()).isEqualTo(DeadLetterCause.TOO_LARGE);
                            assertThat(r.reason()).contains("limit of 1000 bytes");
                        });
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
