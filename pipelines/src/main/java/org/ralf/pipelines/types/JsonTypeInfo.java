package org.ralf.pipelines.types;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.ralf.schemas.serde.Json;

/**
 * Flink type information that serialises a record as its JSON (the project's shared Jackson
 * configuration). Used for the records of the pipelines (events, anomalies, dead letters,
 * remediation state): they hold lists, maps and nested records that Flink's POJO analysis would
 * hand to Kryo, which the project forbids ({@code pipeline.generic-types: false}). JSON is slower
 * than a hand-written serializer but the remediation job moves incidents and decisions, not
 * metrics, and JSON state stays readable and evolvable (unknown fields are ignored, new nullable
 * fields default to null).
 *
 * @param <T> the record type
 */
public final class JsonTypeInfo<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    private JsonTypeInfo(Class<T> type) {
        this.type = type;
    }

    /** Type information of the given record class. */
    public static <T> JsonTypeInfo<T> of(Class<T> type) {
        return new JsonTypeInfo<>(type);
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
        return "Json<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonTypeInfo<?> other && other.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof JsonTypeInfo;
    }

    /** Length-prefixed UTF-8 JSON. Records are immutable, so copies are the instance itself. */
    static final class JsonSerializer<T> extends TypeSerializer<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private transient ObjectMapper mapper;

        JsonSerializer(Class<T> type) {
            this.type = type;
        }

        private ObjectMapper mapper() {
            if (mapper == null) {
                mapper = Json.mapper();
            }
            return mapper;
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public TypeSerializer<T> duplicate() {
            return this;
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
            byte[] bytes = mapper().writeValueAsBytes(record);
            target.writeInt(bytes.length);
            target.write(bytes);
        }

        @Override
        public T deserialize(DataInputView source) throws IOException {
            byte[] bytes = new byte[source.readInt()];
            source.readFully(bytes);
            return mapper().readValue(bytes, type);
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
            return new JsonSerializerSnapshot<>(type);
        }
    }

    /** Snapshot: the record class name. JSON stays compatible as long as the class exists. */
    public static final class JsonSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
        private Class<T> type;

        /** For Flink's reflective instantiation on restore. */
        public JsonSerializerSnapshot() {}

        JsonSerializerSnapshot(Class<T> type) {
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
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
                throws IOException {
            String name = in.readUTF();
            try {
                type = (Class<T>) Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException("state type " + name + " no longer exists", e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new JsonSerializer<>(type);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
                TypeSerializerSnapshot<T> oldSerializerSnapshot) {
            return oldSerializerSnapshot instanceof JsonSerializerSnapshot<?> old
                            && old.type != null
                            && old.type.getName().equals(type.getName())
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
