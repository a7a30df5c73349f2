package org.ralf.cli.config;

import java.util.ArrayList;
import java.util.List;
import org.ralf.connectors.app.ConnectorOptions;
import org.ralf.connectors.cdc.CdcOptions;
import org.ralf.connectors.discovery.DiscoveryOptions;
import org.ralf.executor.config.ExecutorOptions;
import org.ralf.jobs.detect.DetectJobOptions;
import org.ralf.jobs.logpatterns.LogPatternsJobOptions;
import org.ralf.jobs.remediation.RemediationOptions;
import org.ralf.models.detect.DetectorOptions;
import org.ralf.pipelines.cep.PatternOptions;
import org.ralf.pipelines.detect.DetectOptions;
import org.ralf.pipelines.entity.EntityOptions;
import org.ralf.pipelines.logs.LogPatternOptions;
import org.ralf.schemas.config.ConnectionOptions;
import org.ralf.schemas.config.OptionRegistry;
import org.ralf.simulator.SimulatorOptions;

/**
 * The registry of every key of {@code ralf.yaml}: only the cli sees every module, so the list of
 * options classes lives here. A new options class is added to {@link #HOLDERS}.
 */
public final class AllOptions {

    private AllOptions() {}

    /** Classes whose {@code public static final ConfigOption} constants are keys. */
    static final List<Class<?>> HOLDERS =
            List.of(
                    ConnectionOptions.class,
                    DetectorOptions.class,
                    DetectOptions.class,
                    DetectJobOptions.class,
                    PatternOptions.class,
                    EntityOptions.class,
                    LogPatternOptions.class,
                    LogPatternsJobOptions.class,
                    RemediationOptions.class,
                    ConnectorOptions.class,
                    CdcOptions.class,
                    DiscoveryOptions.class,
                    ExecutorOptions.class,
                    SimulatorOptions.class);

    /**
     * Sections read as a whole by their owner: the entries the executor names itself (playbooks,
     * workspaces, Proxmox actions; their keys are checked by its reader), the connector instances
     * and the log-patterns job's detector parameters.
     */
    static final List<String> RAW_SECTIONS = rawSections();

    private static List<String> rawSections() {
        List<String> out = new ArrayList<>(ExecutorOptions.ENTRY_SECTIONS);
        out.addAll(List.of("connectors", "logpatterns.detector"));
        return List.copyOf(out);
    }

    /** The registry. */
    public static OptionRegistry registry() {
        return OptionRegistry.of(HOLDERS, RAW_SECTIONS);
    }
}
