package org.ralf.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The layering of STYLE.md, enforced: schemas ← models ← pipelines ← jobs; connectors, sinks,
 * executor, simulator and cli depend downward only; nothing depends on jobs or cli (cli is the
 * top). Only production classes are checked: tests may use the testing fixtures anywhere, but no
 * production class of any module depends on them, and no module pom has {@code ralf-testing} at a
 * scope other than test.
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
                // optional: ralf-testing is no longer on the cli's class path at all; the layer
                // stays so that a production class reaching into it is still named a violation
                .optionalLayer("testing")
                .definedBy("org.ralf.testing..")
                .layer("executor")
                .definedBy("org.ralf.executor..")
                .layer("jobs")
                .definedBy("org.ralf.jobs..")
                .layer("simulator")
                .definedBy("org.ralf.simulator..")
                .layer("bench")
                .definedBy("org.ralf.bench..")
                .layer("cli")
                .definedBy("org.ralf.cli..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("bench")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("jobs")
                .mayOnlyBeAccessedByLayers("bench", "cli")
                .whereLayer("simulator")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("executor")
                .mayOnlyBeAccessedByLayers("bench", "cli")
                .whereLayer("connectors")
                .mayOnlyBeAccessedByLayers("bench", "cli", "simulator")
                .whereLayer("testing")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("pipelines")
                .mayOnlyBeAccessedByLayers("jobs", "bench", "cli")
                .whereLayer("sinks")
                .mayOnlyBeAccessedByLayers("jobs", "executor", "bench", "cli", "simulator")
                .whereLayer("models")
                .mayOnlyBeAccessedByLayers(
                        "pipelines", "sinks", "jobs", "simulator", "bench", "cli")
                .ensureAllClassesAreContainedInArchitecture()
                .check(CLASSES);
    }

    @Test
    void shouldKeepEveryBenchmarkInTheBenchModule() {
        // the job jar and the services ship no benchmark code: it all lives in ralf-bench
        ArchRuleDefinition.noClasses()
                .that()
                .haveSimpleNameContaining("Bench")
                .should()
                .resideOutsideOfPackages("org.ralf.bench..", "org.ralf.cli..")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTestFixturesOutOfEveryProductionClass() {
        // checked on the dependency's package, so it holds even when ralf-testing is not on this
        // module's class path (the classes it names would still be referenced)
        ArchRuleDefinition.noClasses()
                .that()
                .resideOutsideOfPackage("org.ralf.testing..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.ralf.testing..")
                .check(CLASSES);
    }

    @Test
    void shouldDeclareRalfTestingAtTestScopeOnly() throws Exception {
        Path root = repositoryRoot();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> poms = Files.list(root)) {
            for (Path pom :
                    poms.map(d -> d.resolve("pom.xml")).filter(Files::isRegularFile).toList()) {
                offenders.addAll(nonTestScopedTesting(pom, root));
            }
        }

        assertThat(offenders).as("ralf-testing outside test scope").isEmpty();
    }

    @Test
    void shouldKeepModelsFreeOfFlink() {
        ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage("org.ralf.models..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(CLASSES);
    }

    /** The directory holding the root pom (with {@code <modules>}), found from the working dir. */
    private static Path repositoryRoot() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no root pom above " + Path.of("").toAbsolutePath());
    }

    /** {@code module: scope} for each ralf-testing dependency of the pom not at test scope. */
    private static List<String> nonTestScopedTesting(Path pom, Path root) throws Exception {
        Document doc =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList deps = doc.getElementsByTagName("dependency");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            boolean managed =
                    dep.getParentNode()
                            .getParentNode()
                            .getNodeName()
                            .equals("dependencyManagement");
            if (managed || !"ralf-testing".equals(text(dep, "artifactId"))) {
                continue;
            }
            String scope = text(dep, "scope");
            if (!"test".equals(scope)) {
                out.add(root.relativize(pom) + ": " + (scope == null ? "compile" : scope));
            }
        }
        return out;
    }

    @Nullable
    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
