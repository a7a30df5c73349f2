package org.ralf.pipelines.logs;

import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.ralf.schemas.log.LogTemplate;

/**
 * The operator around {@link TemplateMinerFunction}: it writes the function's cached miners back to
 * keyed state right before the state is snapshotted (a function alone cannot switch the current
 * key, an operator can), so that checkpoints hold exactly the miners as of the barrier. Use it with
 * {@code keyedStream.transform("template-miner", TypeInformation, new TemplateMinerOperator(o))}.
 */
public final class TemplateMinerOperator
        extends KeyedProcessOperator<String, LogLine, LogTemplate> {

    private static final long serialVersionUID = 1L;

    /**
     * @param options miner and window options
     */
    public TemplateMinerOperator(LogPatternStreamSettings options) {
        super(new TemplateMinerFunction(options));
    }

    @Override
    public void open() throws Exception {
        super.open();
        function().bind(this);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        function().flush();
        super.snapshotState(context);
    }

    TemplateMinerFunction function() {
        return (TemplateMinerFunction) getUserFunction();
    }
}
