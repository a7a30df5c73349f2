package org.ralf.jobs.passthrough;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ralf.jobs.kafka.KafkaIo;
import org.ralf.jobs.kafka.KeyedBytes;

/**
 * Copies records from one topic to another unchanged, with exactly-once delivery. It is the
 * baseline of the pipeline benchmark (what Kafka → Flink → Kafka costs without any analytics) and
 * the smallest proof that checkpointed transactions work on a given cluster.
 */
public final class PassThroughJob {

    private final Source<Tuple2<byte[], byte[]>, ?, ?> source;
    private final Sink<Tuple2<byte[], byte[]>> sink;

    /**
     * @param source raw records to copy
     * @param sink where they go
     */
    public PassThroughJob(
            Source<Tuple2<byte[], byte[]>, ?, ?> source, Sink<Tuple2<byte[], byte[]>> sink) {
        this.source = source;
        this.sink = sink;
    }

    /** The graph: identity. Kept as a function so that benchmarks can compose it. */
    public static DataStream<Tuple2<byte[], byte[]>> build(
            DataStream<Tuple2<byte[], byte[]>> input) {
        return input;
    }

    /** Adds the job to the environment and starts it asynchronously. */
    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        DataStream<Tuple2<byte[], byte[]>> in =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "input", KeyedBytes.TYPE);
        build(in).sinkTo(sink).name("output");
        return env.executeAsync("ralf-passthrough");
    }

    /**
     * Runs against a Kafka cluster: {@code PassThroughJob <bootstrap> <input-topic>
     * <output-topic>}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println(
                    "usage: PassThroughJob <bootstrap-servers> <input-topic> <output-topic>");
            System.exit(2);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(10_000);
        new PassThroughJob(
                        KafkaIo.rawSource(args[0], args[1], "ralf-passthrough", false),
                        KafkaIo.exactlyOnceRawSink(args[0], args[2], "ralf-passthrough"))
                .start(env)
                .getJobExecutionResult()
                .get();
    }
}
