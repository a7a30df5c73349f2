package org.ralf.executor.runner.tofu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TofuOutputTest {

    /** Lines in the shape of OpenTofu's documented machine-readable UI (plan). */
    private static final String PLAN =
            """
            {"@level":"info","@message":"OpenTofu 1.9.0","@module":"tofu.ui","@timestamp":"2026-01-01T00:00:00Z","tofu":"1.9.0","type":"version","ui":"1.2"}
            {"@level":"info","@message":"null_resource.a: Plan to create","@module":"tofu.ui","change":{"resource":{"addr":"null_resource.a","module":"","resource":"null_resource.a","implied_provider":"null","resource_type":"null_resource","resource_name":"a","resource_key":null},"action":"create"},"type":"planned_change"}
            {"@level":"info","@message":"local_file.b: Plan to replace","@module":"tofu.ui","change":{"resource":{"addr":"local_file.b"},"action":"replace","reason":"cannot_update"},"type":"planned_change"}
            {"@level":"info","@message":"Plan: 2 to add, 0 to change, 1 to destroy.","@module":"tofu.ui","changes":{"add":2,"change":0,"import":0,"remove":1,"operation":"plan"},"type":"change_summary"}
            """;

    private static final String APPLY_ERROR =
            """
            {"@level":"info","@message":"null_resource.a: Creating...","hook":{"resource":{"addr":"null_resource.a"},"action":"create"},"type":"apply_start"}
            {"@level":"error","@message":"Error: creating null_resource.a","diagnostic":{"severity":"error","summary":"creating null_resource.a","detail":"provider crashed"},"type":"diagnostic"}
            {"@level":"warn","@message":"Warning: deprecated","diagnostic":{"severity":"warning","summary":"deprecated","detail":""},"type":"diagnostic"}
            {"@level":"info","@message":"null_resource.a: Creation errored","hook":{"resource":{"addr":"null_resource.a"},"action":"create"},"type":"apply_errored"}
            not json at all
            """;

    @Test
    void shouldSummariseAPlan() {
        TofuOutput out = TofuOutput.parse(PLAN);

        assertThat(out.summary()).isEqualTo(new TofuOutput.ChangeSummary(2, 0, 1, "plan"));
        assertThat(out.summary().describe()).isEqualTo("plan: 2 to add, 0 to change, 1 to destroy");
        assertThat(out.plannedChanges())
                .containsExactly("create null_resource.a", "replace local_file.b");
        assertThat(out.errors()).isEmpty();
    }

    @Test
    void shouldCollectErrorsButNotWarnings() {
        TofuOutput out = TofuOutput.parse(APPLY_ERROR);

        assertThat(out.summary()).isNull();
        assertThat(out.errors()).containsExactly("creating null_resource.a: provider crashed");
        assertThat(out.erroredResources()).isEqualTo(1);
        assertThat(out.appliedResources()).isZero();
    }

    @Test
    void shouldDescribeAnApply() {
        assertThat(new TofuOutput.ChangeSummary(1, 2, 0, "apply").describe())
                .isEqualTo("apply: 1 added, 2 changed, 0 destroyed");
    }
}
