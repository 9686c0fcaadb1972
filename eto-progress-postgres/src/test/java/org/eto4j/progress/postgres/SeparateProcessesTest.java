package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three worker nodes in separate JVMs on one database; one is killed with {@code destroyForcibly} mid-task. */
class SeparateProcessesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final List<Process> processes = new ArrayList<>();
    private final StringBuffer output = new StringBuffer();
    private TestDatabase db;

    @AfterEach
    void cleanUp() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        if (db != null) {
            db.close();
        }
    }

    private Process start(String nodeId) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                WorkerNodeMain.class.getName(), db.url(), db.user(), db.password(), nodeId)
                .redirectErrorStream(true).start();
        processes.add(p);
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.append(nodeId).append("> ").append(line).append('\n');
                    if (line.startsWith("READY")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "output-" + nodeId);
        reader.setDaemon(true);
        reader.start();
        assertTrue(ready.await(60, TimeUnit.SECONDS), () -> nodeId + " did not start:\n" + output);
        return p;
    }

    @Test
    void killingAWorkerProcessMidTaskLosesAndDuplicatesNothing() throws Exception {
        db = TestDatabase.create();
        PostgresTaskStore submitter = db.closeLater(db.store("submitter").listen(false).build()); // migrates the schema
        db.execute("CREATE TABLE test_run (task_id text NOT NULL, node text NOT NULL)");
        Process victim = start("p1");
        start("p2");
        start("p3");

        int tasks = 30;
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            TaskSnapshot q = TaskSnapshot.queued(TaskId.random(), "proc", Instant.now());
            submitter.create(q, TaskOptions.defaults().withType("proc"), Map.of("n", i, "steps", 16));
            ids.add(q.id());
        }
        AtomicReference<String> running = new AtomicReference<>();
        Await.until(() -> {
            List<String> r = db.query("SELECT id FROM eto_task WHERE owner = 'p1' AND state = 'running' LIMIT 1");
            running.set(r.isEmpty() ? null : r.get(0));
            return running.get() != null;
        }, WAIT, () -> "p1 running a task");
        String killedTask = running.get();
        victim.destroyForcibly();
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS));

        for (TaskId id : ids) {
            Await.until(() -> submitter.find(id).map(s -> s.state() == TaskState.SUCCEEDED).orElse(false), WAIT,
                    () -> id + " succeeded\n" + output);
        }
        for (int i = 0; i < tasks; i++) {
            TaskId id = ids.get(i);
            TaskSnapshot s = submitter.find(id).orElseThrow();
            Map<?, ?> result =
                    (Map<?, ?>) ((TaskResult.Value) ((TaskEvent.Completed) s.outcome().orElseThrow()).result()).value();
            assertEquals(i, ((Number) result.get("n")).intValue());
            assertEquals(1, submitter.eventsAfter(id, 0).stream().filter(e -> e instanceof TaskEvent.Terminal).count());
            List<String> runs = db.query("SELECT node FROM test_run WHERE task_id = '" + id + "'");
            // Exactly one run on the surviving nodes (or the one run on p1 if it finished before the kill); the
            // killed node may have started it once (or died between claiming and recording the run).
            List<String> survivorRuns = runs.stream().filter(n -> !n.equals("p1")).toList();
            if (result.get("node").equals("p1")) {
                assertEquals(List.of("p1"), runs, id + " runs");
            } else {
                assertEquals(List.of(result.get("node")), survivorRuns, id + " runs " + runs);
                assertTrue(runs.size() <= s.attempt(), id + " runs " + runs + " attempt " + s.attempt());
            }
            if (id.value().equals(killedTask)) {
                assertTrue(s.attempt() >= 2, "the killed node's task was attempted again");
                assertNotEquals("p1", result.get("node"));
            }
        }
        assertEquals(List.of("0"), db.query("SELECT count(*) FROM eto_task WHERE owner IS NOT NULL"));
    }
}
