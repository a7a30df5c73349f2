package org.ralf.pipelines.entity;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;

/**
 * Flink type information for a schema record ({@link org.ralf.schemas.anomaly.Anomaly}, {@link
 * org.ralf.schemas.deadletter.DeadLetter}, ...) that travels as its own topic JSON. The records
 * hold maps and {@link java.time.Instant}s, which Flink would otherwise hand to Kryo (forbidden:
 * {@code pipeline.generic-types: false}). JSON is slower than a POJO serializer, so it is used only
 * for the sparse streams (anomalies, dead letters); the hot metric path uses POJOs.
 *
 * @param <T> the record type, registered in {@link org.ralf.schemas.EventTypes}
 */
public final class JsonRecordTypeInfo<T extends Versioned> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    private JsonRecordTypeInfo(Class<T> type) {
        this.type = type;
    }

    /** The type information of a registered record type. */
    public static <T extends Versioned> JsonRecordTypeInfo<T> forRecord(Class<T> type) {
        EventSerde.of(type); // fail fast for an unregistered type
        return new JsonRecordTypeInfo<>(type);
    }

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
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new JsonSerializer<>(type);
    }

    @Override
    public String toString() {
        return "JsonRecord<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonRecordTypeInfo<?> other && other.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof JsonRecordTypeInfo;
    }

    /**
     * Length-prefixed UTF-8 JSON of the record. Records are immutable, so copies are the same
     * instance.
     *
     * @param <T> the record type
     */
    public static final class JsonSerializer<T extends Versioned> extends TypeSerializer<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private final EventSerde<T> serde;

        JsonSerializer(Class<T> type) {
            this.type = type;
            this.serde = EventSerde.of(type);
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public TypeSerializer<T> duplicate() {
            return this; // stateless: EventSerde is thread-safe
        }

        @Override
        public T createInstance() {
            return null;
        }

        @Override
        public T copy(T from) {
            return from;
        }

        @Override
        public T copy(T from, T reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(T record, DataOutputView target) throws IOException {
            byte[] bytes = serde.serialize(record);
            target.writeInt(bytes.length);
            target.write(bytes);
        }

        @Override
        public T deserialize(DataInputView source) throws IOException {
            byte[] bytes = new byte[source.readInt()];
            source.readFully(bytes);
            Decoded<T> decoded = serde.deserialize("flink-state", null, null, bytes);
            if (decoded instanceof Decoded.Ok<T> ok) {
                return ok.value();
            }
            // Only bytes this serializer wrote reach here, so a failure is corruption, not input.
            throw new IOException(
                    "cannot read " + type.getSimpleName() + ": " + decoded.deadLetterOrNull());
        }

        @Override
        public T deserialize(T reuse, DataInputView source) throws IOException {
            return deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            int length = source.readInt();
            target.writeInt(length);
            target.write(source, length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonSerializer<?> other && other.type.equals(type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type);
        }

        @Override
        public TypeSerializerSnapshot<T> snapshotConfiguration() {
            return new JsonSnapshot<>(type);
        }
    }

    /**
     * Snapshot of a {@link JsonSerializer}: the record class name. Compatible as is, since the JSON
     * schema versions itself.
     *
     * @param <T> the record type
     */
    public static final class JsonSnapshot<T extends Versioned>
            implements TypeSerializerSnapshot<T> {
        private Class<T> type;

        /** For restore: Flink instantiates the snapshot reflectively. */
        public JsonSnapshot() {}

        JsonSnapshot(Class<T> type) {
            this.type = type;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int version, DataInputView in, ClassLoader loader)
                throws IOException {
            try {
                type = (Class<T>) Class.forName(in.readUTF(), false, loader);
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new JsonSerializer<>(type);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
                TypeSerializerSnapshot<T> old) {
            return old instanceof JsonSnapshot<T> o && o.type.equals(type)
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
