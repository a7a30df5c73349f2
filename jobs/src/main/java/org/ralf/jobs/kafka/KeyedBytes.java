package org.ralf.jobs.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * Type information of a raw Kafka record as {@code (key, value)} bytes; the key may be null. Used
 * where a job moves records without decoding them.
 */
public final class KeyedBytes {

    /** {@code Tuple2<byte[], byte[]>} with explicit (non-Kryo) serializers. */
    public static final TypeInformation<Tuple2<byte[], byte[]>> TYPE =
            Types.TUPLE(Types.PRIMITIVE_ARRAY(Types.BYTE), Types.PRIMITIVE_ARRAY(Types.BYTE));

    private KeyedBytes() {}
}
