package io.marketstreams.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries the layering of docs/architecture.md relies on, over the main code of every
 * module: the functional core is plain Java, the venue parsers know neither the simulator nor the
 * live adapters, only the local runner and the benchmarks use the simulator, and the independent
 * checker and the client library know nothing of the job.
 */
class ModuleBoundariesTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.marketstreams");
    }

    private static void check(ArchRule rule) {
        rule.check(main);
    }

    @Test
    void theFunctionalCoreIsFreeOfFlink() {
        check(
                noClasses()
                        .that()
                        .resideInAPackage("io.marketstreams.jobs.core..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage("org.apache.flink..")
                        .because("the core is plain Java, tested without Flink"));
    }

    @Test
    void theCoreKnowsNothingOfTheFlinkShellOrKafka() {
        check(
                noClasses()
                        .that()
                        .resideInAPackage("io.marketstreams.jobs.core..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(
                                "io.marketstreams.jobs.flink..",
                                "io.marketstreams.jobs.topology..",
                                "io.marketstreams.jobs.kafka..",
                                "org.apache.kafka.."));
    }

    @Test
    void parsersAreFreeOfTheSimulatorAndTheLiveAdapters() {
        check(
                noClasses()
                        .that()
                        .resideInAnyPackage(
                                "io.marketstreams.connectors.kalshi..",
                                "io.marketstreams.connectors.polymarket..",
                                "io.marketstreams.connectors.venue..",
                                "io.marketstreams.connectors.json..",
                                "io.marketstreams.connectors.raw..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(
                                "io.marketstreams.sim..", "io.marketstreams.connectors.live.."));
    }

    @Test
    void onlyTheLocalRunnerAndTheBenchmarksUseTheSimulator() {
        check(
                noClasses()
                        .that()
                        .resideOutsideOfPackages(
                                "io.marketstreams.sim..",
                                "io.marketstreams.local..",
                                "io.marketstreams.bench..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage("io.marketstreams.sim.."));
    }

    @Test
    void theCheckerAndTheClientAreIndependentOfTheJob() {
        check(
                noClasses()
                        .that()
                        .resideInAnyPackage(
                                "io.marketstreams.testkit..", "io.marketstreams.client..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(
                                "io.marketstreams.jobs..", "io.marketstreams.connectors.."));
    }

    @Test
    void theJobDoesNotDependOnToolsBuiltOnIt() {
        check(
                noClasses()
                        .that()
                        .resideInAnyPackage(
                                "io.marketstreams.jobs..",
                                "io.marketstreams.connectors..",
                                "io.marketstreams.schema..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(
                                "io.marketstreams.savepoints..",
                                "io.marketstreams.lake..",
                                "io.marketstreams.local..",
                                "io.marketstreams.bench..",
                                "io.marketstreams.harness..",
                                "io.marketstreams.testkit.."));
    }
}
