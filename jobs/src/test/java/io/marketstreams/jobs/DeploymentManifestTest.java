package io.marketstreams.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes Operator example ({@code docs/k8s/flinkdeployment.yaml}) is a valid application
 * deployment of the canonical job and cannot drift from {@code flink-conf/cluster/config.yaml}:
 * every setting of the cluster file is in the manifest with the same value, except the ones the
 * manifest expresses through its own fields.
 */
class DeploymentManifestTest {
    /** Cluster settings that the operator derives from the manifest's own fields. */
    private static final Map<String, String> EXPRESSED_BY_SPEC =
            Map.of(
                    "jobmanager.rpc.address", "set by the operator (a Kubernetes service)",
                    "jobmanager.memory.process.size", "spec.jobManager.resource.memory",
                    "taskmanager.memory.process.size", "spec.taskManager.resource.memory",
                    "parallelism.default", "spec.job.parallelism");

    /** Settings that name the environment (marked "adjust" in both files). */
    private static final Set<String> SITE_SPECIFIC =
            Set.of("marketstreams.kafka.bootstrap-servers");

    private static JsonNode manifest;
    private static Map<String, String> flinkConfiguration;
    private static Map<String, String> cluster;

    @BeforeAll
    static void load() throws Exception {
        manifest =
                new ObjectMapper(new YAMLFactory())
                        .readTree(Path.of("..", "docs", "k8s", "flinkdeployment.yaml").toFile());
        flinkConfiguration = new HashMap<>();
        manifest.path("spec")
                .path("flinkConfiguration")
                .properties()
                .forEach(
                        e -> {
                            // The CRD's flinkConfiguration is a map of strings.
                            assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue();
                            flinkConfiguration.put(e.getKey(), e.getValue().asText());
                        });
        cluster =
                GlobalConfiguration.loadConfiguration(
                                Path.of("..", "flink-conf", "cluster").toAbsolutePath().toString())
                        .toMap();
    }

    @Test
    void isAnApplicationDeploymentOfTheCanonicalJobWithSavepointUpgrades() {
        assertThat(manifest.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(manifest.path("kind").asText()).isEqualTo("FlinkDeployment");
        JsonNode spec = manifest.path("spec");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
        assertThat(spec.path("image").asText()).isNotBlank();
        assertThat(spec.path("serviceAccount").asText()).isNotBlank();
        JsonNode job = spec.path("job");
        assertThat(job.path("jarURI").asText()).startsWith("local:///").endsWith(".jar");
        assertThat(job.path("entryClass").asText()).isEqualTo(CanonicalJob.class.getName());
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("state").asText()).isEqualTo("running");
        // The job reads marketstreams.* from the config.yaml the operator writes into the pod.
        assertThat(job.path("args").toString()).isEqualTo("[\"--config-dir\",\"/opt/flink/conf\"]");
        assertThat(JobConfiguration.fromArgs(new String[] {"--config-dir", configDir()}).toMap())
                .containsEntry("pipeline.max-parallelism", "128");
    }

    @Test
    void keepsStateOnS3WithKubernetesHighAvailabilityAndTheRequiredSettings() {
        assertThat(flinkConfiguration)
                .containsEntry("high-availability.type", "kubernetes")
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("pipeline.auto-generate-uids", "false")
                .containsEntry("pipeline.generic-types", "false")
                .containsEntry("pipeline.max-parallelism", "128")
                .containsEntry(
                        "metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(flinkConfiguration.get("high-availability.storageDir")).startsWith("s3://");
        assertThat(flinkConfiguration.get("execution.checkpointing.dir")).startsWith("s3://");
        assertThat(flinkConfiguration.get("execution.checkpointing.savepoint-dir"))
                .startsWith("s3://");
        assertThat(flinkConfiguration.get("env.java.opts.all"))
                .contains("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.marketstreams");
    }

    @Test
    void carriesEveryClusterSettingWithTheSameValue() {
        Set<String> missing = new HashSet<>(cluster.keySet());
        missing.removeAll(flinkConfiguration.keySet());
        missing.removeAll(EXPRESSED_BY_SPEC.keySet());
        assertThat(missing).as("cluster settings missing from the manifest").isEmpty();

        Set<String> extra = new HashSet<>(flinkConfiguration.keySet());
        extra.removeAll(cluster.keySet());
        assertThat(extra)
                .as("manifest settings that only Kubernetes needs")
                .containsExactlyInAnyOrder(
                        "high-availability.type", "high-availability.storageDir");

        for (Map.Entry<String, String> e : flinkConfiguration.entrySet()) {
            if (cluster.containsKey(e.getKey()) && !SITE_SPECIFIC.contains(e.getKey())) {
                assertThat(e.getValue()).as(e.getKey()).isEqualTo(cluster.get(e.getKey()));
            }
        }

        JsonNode spec = manifest.path("spec");
        assertThat(spec.path("jobManager").path("resource").path("memory").asText())
                .isEqualTo(cluster.get("jobmanager.memory.process.size"));
        assertThat(spec.path("taskManager").path("resource").path("memory").asText())
                .isEqualTo(cluster.get("taskmanager.memory.process.size"));
        assertThat(spec.path("job").path("parallelism").asText())
                .isEqualTo(cluster.get("parallelism.default"));
    }

    private static String configDir() {
        return Path.of("..", "flink-conf", "cluster").toAbsolutePath().toString();
    }
}
