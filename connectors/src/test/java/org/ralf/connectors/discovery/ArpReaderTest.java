package org.ralf.connectors.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.schemas.deadletter.DeadLetterCause;

class ArpReaderTest {

    private static final String HEADER =
            "IP address       HW type     Flags       HW address            Mask     Device\n";

    @TempDir Path dir;

    @Test
    void shouldReadCompleteEntriesOnly() throws Exception {
        // Arrange
        Path file = dir.resolve("arp");
        Files.writeString(
                file,
                HEADER
                        + "192.168.10.1     0x1         0x2         AA:BB:CC:00:00:01     *        eth0\n"
                        + "192.168.10.9     0x1         0x0         00:00:00:00:00:00     *        eth0\n"
                        + "192.168.10.7     0x1         0x6         aa:bb:cc:00:00:07     *        vmbr0\n");

        // Act
        PollResult result = new ArpReader(file, ArpReader.MAX_BYTES).poll();

        // Assert
        assertThat(result.rejected()).isEmpty();
        assertThat(result.hosts())
                .extracting(HostObservation::hostId, HostObservation::ip)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "mac:aa:bb:cc:00:00:01", "192.168.10.1"),
                        org.assertj.core.groups.Tuple.tuple(
                                "mac:aa:bb:cc:00:00:07", "192.168.10.7"));
        assertThat(result.hosts().get(1).attributes()).containsEntry("device", "vmbr0");
    }

    @Test
    void shouldRejectTruncatedWrongEncodingAndGarbageLinesAndKeepTheRest() throws Exception {
        // Arrange
        byte[] noise = new byte[40];
        new Random(3).nextBytes(noise);
        noise[0] = (byte) 0xc3; // a lead byte followed by a non-continuation byte
        noise[1] = (byte) 0x41;
        Path file = dir.resolve("arp");
        Files.write(
                file,
                LeaseFileReaderTest.concat(
                        HEADER.getBytes(StandardCharsets.UTF_8),
                        "192.168.10.1     0x1         0x2         aa:bb:cc:00:00:01     *        eth0\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "192.168.10.2     0x1         0x2\n".getBytes(StandardCharsets.UTF_8),
                        "192.168.10.3 0x1 0x2 aa:bb:cc:00:00:03 * eth\u00fc\n"
                                .getBytes(StandardCharsets.UTF_16LE),
                        noise,
                        "\n192.168.10.4     0x1         0xZZ        aa:bb:cc:00:00:04     *        eth0\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "192.168.10.5     0x1         0x2         aa:bb:cc:00:00:05     *        eth0"
                                .getBytes(StandardCharsets.UTF_8)));

        // Act
        PollResult result = new ArpReader(file, ArpReader.MAX_BYTES).poll();

        // Assert
        assertThat(result.hosts())
                .extracting(HostObservation::hostId)
                .containsExactly("mac:aa:bb:cc:00:00:01", "mac:aa:bb:cc:00:00:05");
        assertThat(result.rejected()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(result.rejected())
                .allSatisfy(
                        r -> assertThat(r.cause()).isEqualTo(DeadLetterCause.UNPARSEABLE_INPUT));
        assertThat(result.rejected().get(0).reason()).contains(":3 has 3 fields");
        assertThat(result.rejected())
                .anySatisfy(r -> assertThat(r.reason()).contains("is not valid UTF-8"))
                .anySatisfy(r -> assertThat(r.reason()).contains("flags '0xZZ'"));
        assertThat(result.complete()).isFalse();
    }

    @Test
    void shouldRejectAnOversizedTable() throws Exception {
        // Arrange
        Path file = dir.resolve("arp");
        Files.writeString(file, HEADER.repeat(50));

        // Act
        PollResult result = new ArpReader(file, 512).poll();

        // Assert
        assertThat(result.hosts()).isEmpty();
        assertThat(result.rejected())
                .singleElement()
                .extracting(Rejected::cause)
                .isEqualTo(DeadLetterCause.TOO_LARGE);
        assertThat(result.rejected().get(0).raw()).hasSize(513);
    }
}
