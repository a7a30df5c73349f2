package org.ralf.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.EventType;
import org.ralf.schemas.EventTypes;
import org.ralf.schemas.cdc.CdcEnvelope;

class TopicsTest {

    @Test
    void shouldHaveUniqueNames() {
        List<String> names = Topics.all().stream().map(TopicSpec::name).toList();

        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
    }

    @Test
    void shouldContainTheDesignTopicsAndOneCdcTopicPerTable() {
        Set<String> names = new HashSet<>(Topics.all().stream().map(TopicSpec::name).toList());

        assertThat(names)
                .contains(
                        "ralf.metrics",
                        "ralf.logs",
                        "ralf.discovery",
                        "ralf.anomalies",
                        "ralf.log-templates",
                        "ralf.logs.templated",
                        "ralf.incidents",
                        "ralf.commands",
                        "ralf.command-results",
                        "ralf.notifications",
                        "ralf.approvals",
                        "ralf.deadletter");
        for (String table : Topics.CDC_TABLES) {
            assertThat(Topics.byName("ralf.cdc." + table))
                    .get()
                    .extracting(TopicSpec::valueType)
                    .isEqualTo(CdcEnvelope.class);
        }
        assertThat(names).hasSize(12 + Topics.CDC_TABLES.size());
    }

    @Test
    void shouldCarryOnlyRegisteredValueTypesAndEveryRegisteredType() {
        Set<Class<?>> registered = new HashSet<>();
        for (EventType<?> type : EventTypes.all()) {
            registered.add(type.type());
        }
        Set<Class<?>> carried = new HashSet<>();
        Topics.all().forEach(t -> carried.add(t.valueType()));

        assertThat(carried).isEqualTo(registered);
    }

    @Test
    void shouldKeepCompactedTopicsForeverAndOthersBounded() {
        for (TopicSpec topic : Topics.all()) {
            if (topic.cleanupPolicy() == CleanupPolicy.COMPACT) {
                assertThat(topic.retentionMs()).as(topic.name()).isEqualTo(-1);
            } else {
                assertThat(topic.retentionMs()).as(topic.name()).isPositive();
            }
        }
    }

    @Test
    void shouldRetainAuditTopicsAtLeastThirtyDays() {
        long thirtyDays = Duration.ofDays(30).toMillis();

        for (TopicSpec topic : List.of(Topics.COMMANDS, Topics.COMMAND_RESULTS, Topics.APPROVALS)) {
            assertThat(topic.retentionMs()).as(topic.name()).isGreaterThanOrEqualTo(thirtyDays);
        }
    }

    @Test
    void shouldExposeKafkaConfigs() {
        assertThat(Topics.INCIDENTS.configs())
                .containsEntry("cleanup.policy", "compact")
                .containsEntry("retention.ms", "-1");
        assertThat(Topics.METRICS.configs())
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(3).toMillis()));
    }

    @Test
    void shouldRejectInvalidSpecsAndUnknownCdcTables() {
        assertThatThrownBy(() -> Topics.cdc("anomalies"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a CDC table");
        assertThatThrownBy(() -> Topics.METRICS.withPartitions(0))
                .hasMessageContaining("partitions must be >= 1");
        assertThatThrownBy(
                        () ->
                                new TopicSpec(
                                        "metrics",
                                        "k",
                                        CdcEnvelope.class,
                                        1,
                                        1,
                                        CleanupPolicy.DELETE))
                .hasMessageContaining("ralf.<name>");
        assertThat(Topics.METRICS.withPartitions(12).partitions()).isEqualTo(12);
    }
}
