package org.ralf.pipelines.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SeriesSampleTypeInfoTest {

    private final TypeSerializer<SeriesSample> serializer =
            TypeInformation.of(SeriesSample.class).createSerializer(new SerializerConfigImpl());

    @Test
    void shouldBeTheTypeInformationFlinkPicksForTheClass() {
        assertThat(TypeInformation.of(SeriesSample.class)).isSameAs(SeriesSampleTypeInfo.INSTANCE);
    }

    @Test
    void shouldRoundTripSamplesBackToBackWithAnyText() throws IOException {
        // Arrange: ASCII, multi-byte and empty strings, nulls, extreme numbers, one after another
        Random r = new Random(13);
        SeriesSample[] samples = new SeriesSample[500];
        for (int i = 0; i < samples.length; i++) {
            samples[i] =
                    SeriesSample.of(
                            "node_load1{host=\"h" + i + "\",zone=\"Zürich-δ\"}",
                            i % 7 == 0 ? "" : "h" + i + "/svc\u00e9",
                            i % 11 == 0 ? null : "node_load1",
                            i % 5 == 0 ? -Double.MAX_VALUE : r.nextGaussian() * 1e6,
                            i % 3 == 0 ? Long.MIN_VALUE : r.nextLong());
        }
        DataOutputSerializer out = new DataOutputSerializer(64);

        // Act
        for (SeriesSample s : samples) {
            serializer.serialize(s, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        SeriesSample[] back = new SeriesSample[samples.length];
        for (int i = 0; i < back.length; i++) {
            back[i] = serializer.deserialize(in);
        }

        // Assert
        for (int i = 0; i < samples.length; i++) {
            assertThat(back[i].seriesId).isEqualTo(samples[i].seriesId);
            assertThat(back[i].entity).isEqualTo(samples[i].entity);
            assertThat(back[i].name).isEqualTo(samples[i].name);
            assertThat(back[i].value).isEqualTo(samples[i].value);
            assertThat(back[i].timestamp).isEqualTo(samples[i].timestamp);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void shouldCopySerializedBytesAndInstancesFaithfully() throws IOException {
        // Arrange
        SeriesSample s = SeriesSample.of("up{job=\"gitea\"}", "gitea", "up", 1.0, 1_700_000_000L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(s, out);
        serializer.serialize(SeriesSample.of("x", "", "x", 0.5, 2L), out);

        // Act: the binary copy of both records, and an instance copy
        DataOutputSerializer copied = new DataOutputSerializer(64);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        serializer.copy(in, copied);
        serializer.copy(in, copied);
        SeriesSample instanceCopy = serializer.copy(s);

        // Assert
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        assertThat(instanceCopy).isEqualTo(s).isNotSameAs(s);
    }

    @Test
    void shouldRestoreACompatibleSerializerFromItsSnapshot() throws IOException {
        // Arrange
        TypeSerializerSnapshot<SeriesSample> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);

        // Act
        TypeSerializerSnapshot<SeriesSample> read = new SeriesSampleTypeInfo.Snapshot();
        read.readSnapshot(
                snapshot.getCurrentVersion(),
                new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());

        // Assert
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
        assertThat(
                        serializer
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(read)
                                .isCompatibleAsIs())
                .isTrue();
    }
}
