package io.marketstreams.savepoints.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A real Flink standalone session cluster: one JobManager JVM ({@link
 * StandaloneSessionClusterEntrypoint}) and one TaskManager JVM ({@link TaskManagerRunner}), started
 * the way Flink's own {@code jobmanager.sh}/{@code taskmanager.sh} start them, from the published
 * jars on this JVM's classpath instead of a distribution's {@code lib/} (docs/operations.md,
 * "Cluster test").
 *
 * <p>The cluster's classpath is what a distribution's {@code lib/} holds: Flink, RocksDB, logging.
 * The platform's own classes, the Kafka connector, Kafka clients and Avro are left out, so the job
 * runs only from the classes of the jar submitted to it.
 */
final class StandaloneFlinkCluster implements AutoCloseable {
    /**
     * JVM options of Flink's distribution for Java 17 (its {@code env.java.default-opts.all}) plus
     * the platform's own (the Avro trusted packages; docs/operations.md).
     */
    static final List<String> JVM_OPTIONS =
            List.of(
                    "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.marketstreams",
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /**
     * Classpath entries a Flink distribution's {@code lib/} does not have: they travel in the job
     * jar. Flink loads {@code org.apache.flink.*} parent-first, so a Kafka connector or Avro format
     * on the cluster's classpath would shadow the job jar's.
     */
    private static final List<String> NOT_IN_DISTRIBUTION =
            List.of(
                    "marketstreams-",
                    "flink-connector-kafka",
                    "flink-avro",
                    "kafka",
                    "avro",
                    "jackson-",
                    "junit",
                    "assertj",
                    "opentest4j",
                    "Java-WebSocket",
                    "jqwik",
                    // Flink's test jars register test-only services (delegation token providers).
                    "flink-test-utils");

    private final Path dir;
    private final Path confDir;
    private final Path logDir;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();

    // Kills the JVMs if the test JVM exits without close() (e.g. surefire's fork timeout).
    private final Thread killOnExit = new Thread(() -> processes.forEach(Process::destroyForcibly));

    private StandaloneFlinkCluster(Path dir, int restPort) {
        this.dir = dir;
        this.confDir = dir.resolve("conf");
        this.logDir = dir.resolve("log");
        this.restPort = restPort;
    }

    /**
     * Writes {@code dir/conf/config.yaml} (the given settings plus addresses, ports, temp and
     * upload directories) and starts the JobManager and the TaskManager; returns once the
     * TaskManager has registered with the ResourceManager.
     *
     * @param log4jProperties the log4j configuration of the cluster JVMs (writes {@code
     *     ${sys:log.file}})
     */
    static StandaloneFlinkCluster start(
            Path dir, Map<String, String> settings, Path log4jProperties, Duration timeout)
            throws Exception {
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(dir, freePort());
        try {
            cluster.writeConfig(settings, log4jProperties);
            cluster.startProcesses();
            FlinkRestApi rest = cluster.rest();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                cluster.assertAlive();
                if (rest.registeredTaskManagers() > 0) {
                    return cluster;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "no TaskManager registered within " + timeout + cluster.logTails());
                }
                rest.pause();
            }
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * The directory holding {@code config.yaml}: the cluster's and the job's {@code --config-dir}.
     */
    Path confDir() {
        return confDir;
    }

    /** A client of the cluster's REST API. */
    FlinkRestApi rest() {
        return new FlinkRestApi("http://localhost:" + restPort, this::logTails);
    }

    private void writeConfig(Map<String, String> settings, Path log4jProperties)
            throws IOException {
        Files.createDirectories(confDir);
        Files.createDirectories(logDir);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("jobmanager.rpc.address", "localhost");
        all.put("jobmanager.rpc.port", String.valueOf(freePort()));
        all.put("jobmanager.bind-host", "localhost");
        all.put("taskmanager.host", "localhost");
        all.put("taskmanager.bind-host", "localhost");
        all.put("rest.address", "localhost");
        all.put("rest.bind-address", "localhost");
        all.put("rest.port", String.valueOf(restPort));
        all.put("io.tmp.dirs", dir.resolve("tmp").toString());
        all.put("web.tmpdir", dir.resolve("web").toString());
        all.put("web.upload.dir", dir.resolve("uploads").toString());
        // RocksDB writes its own LOG files next to Flink's log by default.
        all.put("state.backend.rocksdb.log.dir", dir.resolve("tmp").toString());
        all.putAll(settings);
        StringBuilder yaml = new StringBuilder();
        all.forEach((k, v) -> yaml.append(k).append(": ").append(quoted(v)).append('\n'));
        Files.writeString(confDir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME), yaml);
        Files.copy(log4jProperties, confDir.resolve("log4j.properties"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("uploads"));
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private void startProcesses() throws IOException {
        Configuration conf = GlobalConfiguration.loadConfiguration(confDir.toString());
        String classpath = clusterClasspath();
        Runtime.getRuntime().addShutdownHook(killOnExit);

        // What jobmanager.sh / taskmanager.sh take from BashJavaUtils GET_JM/TM_RESOURCE_PARAMS.
        JobManagerProcessSpec jm = JobManagerProcessUtils.processSpecFromConfig(conf);
        List<String> jmJvm = split(JobManagerProcessUtils.generateJvmParametersStr(jm, conf));
        List<String> jmArgs = split(JobManagerProcessUtils.generateDynamicConfigsStr(jm));
        TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        List<String> tmJvm = split(ProcessMemoryUtils.generateJvmParametersStr(tm));
        List<String> tmArgs = split(TaskExecutorProcessUtils.generateDynamicConfigsStr(tm));

        processes.add(
                launch(
                        "jobmanager",
                        jmJvm,
                        classpath,
                        StandaloneSessionClusterEntrypoint.class.getName(),
                        jmArgs));
        processes.add(
                launch("taskmanager", tmJvm, classpath, TaskManagerRunner.class.getName(), tmArgs));
    }

    private Process launch(
            String name,
            List<String> memoryOptions,
            String classpath,
            String mainClass,
            List<String> dynamicConfig)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(memoryOptions);
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog.file=" + logDir.resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.add("--configDir");
        command.add(confDir.toString());
        command.addAll(dynamicConfig);
        Files.writeString(logDir.resolve(name + ".command"), String.join(" ", command));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".out").toFile())
                .start();
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * This JVM's classpath without what the job jar brings. Surefire starts tests from a
     * manifest-only jar and passes the real classpath in {@code surefire.test.class.path}.
     */
    static String clusterClasspath() {
        String full =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(full.split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar") && !e.endsWith("-tests.jar"))
                .filter(
                        e -> {
                            String file = Path.of(e).getFileName().toString();
                            return NOT_IN_DISTRIBUTION.stream().noneMatch(file::startsWith);
                        })
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Fails with the logs' tails if a cluster JVM has exited. */
    void assertAlive() {
        for (Process p : processes) {
            if (!p.isAlive()) {
                throw new IllegalStateException(
                        "a cluster JVM exited with status " + p.exitValue() + logTails());
            }
        }
    }

    /** The last lines of every cluster log, for failure messages. */
    String logTails() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file :
                    files.filter(
                                    f ->
                                            f.toString().endsWith(".log")
                                                    || f.toString().endsWith(".out"))
                            .sorted()
                            .toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                out.append("\n==== ")
                        .append(file)
                        .append(" (last 60 of ")
                        .append(lines.size())
                        .append(" lines) ====\n");
                lines.subList(Math.max(0, lines.size() - 60), lines.size())
                        .forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            out.append("\n(logs unreadable: ").append(e).append(')');
        }
        return out.toString();
    }

    /** Kills both JVMs and waits for them to exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Already shutting down, or the JVMs were never started.
        }
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("cluster JVM " + p.pid() + " did not exit");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
