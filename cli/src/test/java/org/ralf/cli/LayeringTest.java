package org.ralf.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of STYLE.md, enforced: schemas ← models ← pipelines ← jobs; connectors, sinks,
 * executor, simulator and cli depend downward only; nothing depends on jobs or cli (cli is the
 * top). Only production classes are checked: tests may use the testing fixtures anywhere.
 */
class LayeringTest {

    private static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.ralf");

    @Test
    void shouldRespectTheModuleLayering() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("schemas")
                .definedBy("org.ralf.schemas..")
                .layer("models")
                .definedBy("org.ralf.models..")
                .layer("pipelines")
                .definedBy("org.ralf.pipelines..")
                .layer("sinks")
                .definedBy("org.ralf.sinks..")
                .layer("connectors")
                .definedBy("org.ralf.connectors..")
                .layer("testing")
                .definedBy("org.ralf.testing..")
                .layer("executor")
                .definedBy("org.ralf.executor..")
                .layer("jobs")
                .definedBy("org.ralf.jobs..")
                .layer("simulator")
                .definedBy("org.ralf.simulator..")
                .layer("cli")
                .definedBy("org.ralf.cli..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("jobs")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("simulator")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("executor")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("connectors")
                .mayOnlyBeAccessedByLayers("cli", "simulator")
                .whereLayer("testing")
                .mayOnlyBeAccessedByLayers("simulator", "cli")
                .whereLayer("pipelines")
                .mayOnlyBeAccessedByLayers("jobs", "cli")
                .whereLayer("sinks")
                .mayOnlyBeAccessedByLayers("jobs", "executor", "cli", "simulator")
                .whereLayer("models")
                .mayOnlyBeAccessedByLayers("pipelines", "sinks", "jobs", "simulator", "cli")
                .ensureAllClassesAreContainedInArchitecture()
                .check(CLASSES);
    }

    @Test
    void shouldKeepModelsFreeOfFlink() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage("org.ralf.models..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(CLASSES);
    }
}
