package org.ralf.pipelines.detect;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink type information of {@link SeriesSample}, the record every metric sample crosses the
 * network in (source task to the keyed detector). Its serializer writes the three strings as
 * length-prefixed UTF-8 in bulk, where Flink's POJO serializer reflects on every field and writes
 * strings a character at a time; the record's layout is fixed, so nothing is lost. Picked up by
 * {@code TypeInformation.of(SeriesSample.class)} through {@link SeriesSample}'s {@code @TypeInfo}.
 */
public final class SeriesSampleTypeInfo extends TypeInformation<SeriesSample> {

    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final SeriesSampleTypeInfo INSTANCE = new SeriesSampleTypeInfo();

    /** Creates {@link #INSTANCE} for the {@code @TypeInfo} annotation. */
    public static final class Factory extends TypeInfoFactory<SeriesSample> {
        @Override
        public TypeInformation<SeriesSample> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }

    private SeriesSampleTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 5;
    }

    @Override
    public int getTotalFields() {
        return 5;
    }

    @Override
    public Class<SeriesSample> getTypeClass() {
        return SeriesSample.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<SeriesSample> createSerializer(SerializerConfig config) {
        return Serializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SeriesSample";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesSampleTypeInfo;
    }

    @Override
    public int hashCode() {
        return SeriesSampleTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof SeriesSampleTypeInfo;
    }

    /**
     * Series id, entity and name (each an int byte count, -1 for null, then UTF-8), value, event
     * time.
     */
    static final class Serializer extends TypeSerializerSingleton<SeriesSample> {

        private static final long serialVersionUID = 1L;

        static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public SeriesSample createInstance() {
            return new SeriesSample();
        }

        @Override
        public SeriesSample copy(SeriesSample from) {
            return SeriesSample.of(
                    from.seriesId, from.entity, from.name, from.value, from.timestamp);
        }

        @Override
        public SeriesSample copy(SeriesSample from, SeriesSample reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(SeriesSample record, DataOutputView target) throws IOException {
            writeString(record.seriesId, target);
            writeString(record.entity, target);
            writeString(record.name, target);
            target.writeDouble(record.value);
            target.writeLong(record.timestamp);
        }

        @Override
        public SeriesSample deserialize(DataInputView source) throws IOException {
            SeriesSample s = new SeriesSample();
            s.seriesId = readString(source);
            s.entity = readString(source);
            s.name = readString(source);
            s.value = source.readDouble();
            s.timestamp = source.readLong();
            return s;
        }

        @Override
        public SeriesSample deserialize(SeriesSample reuse, DataInputView source)
                throws IOException {
            return deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            for (int i = 0; i < 3; i++) {
                int length = source.readInt();
                target.writeInt(length);
                if (length > 0) {
                    target.write(source, length);
                }
            }
            target.writeDouble(source.readDouble());
            target.writeLong(source.readLong());
        }

        @Override
        public TypeSerializerSnapshot<SeriesSample> snapshotConfiguration() {
            return new Snapshot();
        }

        private static void writeString(@Nullable String s, DataOutputView target)
                throws IOException {
            if (s == null) {
                target.writeInt(-1);
                return;
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            target.writeInt(bytes.length);
            target.write(bytes);
        }

        @Nullable
        private static String readString(DataInputView source) throws IOException {
            int length = source.readInt();
            if (length < 0) {
                return null;
            }
            byte[] bytes = new byte[length];
            source.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Snapshot of the serializer: a fixed layout, version 1. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesSample> {
        /** For Flink's reflective instantiation on restore. */
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
