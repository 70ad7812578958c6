package io.marketstreams.savepoints.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The calls of Flink's REST API that the cluster test makes: upload and run a jar, watch a job,
 * stop it with a savepoint. Every wait polls with a deadline; a failure message carries the
 * cluster's log tails.
 */
final class FlinkRestApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Set<String> TERMINAL =
            Set.of("FINISHED", "FAILED", "CANCELED", "SUSPENDED");

    private final String base;
    private final Supplier<String> logTails;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    FlinkRestApi(String base, Supplier<String> logTails) {
        this.base = base;
        this.logTails = logTails;
    }

    /** Waits between two polls of a condition (the deadline is the caller's). */
    void pause() {
        LockSupport.parkNanos(POLL_INTERVAL.toNanos());
    }

    /**
     * TaskManagers registered with the ResourceManager; 0 while the REST endpoint is not up or
     * answers 503 (leader election still running).
     */
    int registeredTaskManagers() throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/taskmanagers"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return 0;
        }
        if (response.statusCode() != 200) {
            return 0;
        }
        return JSON.readTree(response.body()).path("taskmanagers").size();
    }

    /** {@code POST /jars/upload}: returns the jar id. */
    String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "marketstreams-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--"
                                + boundary
                                + "\r\n"
                                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode response =
                send(
                        HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = response.path("filename").asText();
        if (!"success".equals(response.path("status").asText()) || file.isEmpty()) {
            throw new IllegalStateException("jar upload failed: " + response);
        }
        return Path.of(file).getFileName().toString();
    }

    /**
     * {@code POST /jars/:id/run}: runs the jar's {@code entryClass} with the arguments at a
     * parallelism, restored from a savepoint if one is given (never allowing non-restored state).
     * Returns the job id.
     */
    String run(
            String jarId,
            String entryClass,
            List<String> programArgs,
            int parallelism,
            String savepoint)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("entryClass", entryClass);
        programArgs.forEach(request.putArray("programArgsList")::add);
        request.put("parallelism", parallelism);
        if (savepoint != null) {
            request.put("savepointPath", savepoint);
            request.put("allowNonRestoredState", false);
        }
        JsonNode response = post("/jars/" + jarId + "/run", request);
        String jobId = response.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IllegalStateException("run failed: " + response + logTails.get());
        }
        return jobId;
    }

    /** {@code GET /jobs/:id}. */
    JsonNode job(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId);
    }

    /**
     * Waits until the job and every task of it run (a savepoint can only be taken then); fails at
     * once if the job ends.
     */
    void awaitAllTasksRunning(String jobId, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = job(jobId);
            String state = job.path("state").asText();
            if (TERMINAL.contains(state)) {
                throw new IllegalStateException(
                        "job " + jobId + " ended " + state + exceptions(jobId) + logTails.get());
            }
            boolean allRunning = state.equals("RUNNING") && !job.path("vertices").isEmpty();
            for (JsonNode vertex : job.path("vertices")) {
                int parallelism = vertex.path("parallelism").asInt();
                allRunning &= vertex.path("tasks").path("RUNNING").asInt() == parallelism;
            }
            if (allRunning) {
                return;
            }
            deadlineCheck(deadline, "all tasks of " + jobId + " running, now " + state);
            pause();
        }
    }

    /** Waits until the job reaches a terminal state and returns it. */
    String awaitTerminal(String jobId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String state = job(jobId).path("state").asText();
            if (TERMINAL.contains(state)) {
                return state;
            }
            deadlineCheck(deadline, "job " + jobId + " to end, now " + state);
            pause();
        }
    }

    /** Cancels a job ({@code PATCH /jobs/:id?mode=cancel}) and waits until it has ended. */
    void cancel(String jobId, Duration timeout) throws IOException, InterruptedException {
        if (!TERMINAL.contains(job(jobId).path("state").asText())) {
            send(
                    HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                            .method("PATCH", HttpRequest.BodyPublishers.noBody()));
        }
        awaitTerminal(jobId, timeout);
    }

    /** The root exception the job failed with, if any. */
    String exceptions(String jobId) {
        try {
            JsonNode ex = get("/jobs/" + jobId + "/exceptions");
            return "\n==== job exceptions ====\n"
                    + ex.path("exceptionHistory")
                            .path("entries")
                            .path(0)
                            .path("stacktrace")
                            .asText(ex.toString());
        } catch (IOException | InterruptedException e) {
            return "\n(job exceptions unavailable: " + e + ")";
        }
    }

    /**
     * {@code POST /jobs/:id/stop}, then polls the trigger until the savepoint completes and the job
     * has ended; returns the savepoint's location.
     *
     * @param drain whether the sources emit the final watermark first (the last stop of a job whose
     *     event-time decisions must all be made)
     */
    String stopWithSavepoint(String jobId, Path targetDirectory, boolean drain, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("drain", drain);
        request.put("targetDirectory", targetDirectory.toUri().toString());
        request.put("formatType", "CANONICAL");
        String trigger = post("/jobs/" + jobId + "/stop", request).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException(
                            "stop-with-savepoint of "
                                    + jobId
                                    + " failed: "
                                    + operation.path("failure-cause")
                                    + logTails.get());
                }
                String location = operation.path("location").asText();
                String state = awaitTerminal(jobId, Duration.ofSeconds(60));
                if (!state.equals("FINISHED")) {
                    throw new IllegalStateException(
                            "job " + jobId + " ended " + state + " after its savepoint");
                }
                return location;
            }
            deadlineCheck(deadline, "savepoint of " + jobId);
            pause();
        }
    }

    private void deadlineCheck(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timed out waiting for " + what + logTails.get());
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        request.timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    response.request().method()
                            + " "
                            + response.request().uri()
                            + " -> "
                            + response.statusCode()
                            + ": "
                            + response.body()
                            + logTails.get());
        }
        return JSON.readTree(response.body());
    }
}
