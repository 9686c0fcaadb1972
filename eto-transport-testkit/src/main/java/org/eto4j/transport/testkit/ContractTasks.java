package org.eto4j.transport.testkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskResult;

/** The tasks the contract runs: each waits at latches the test opens, so nothing depends on timing. */
final class ContractTasks {
    private ContractTasks() {
    }

    /** Reports {@code steps} progress units, waiting at {@code gate} before the second half, then returns. */
    static Task gated(CountDownLatch gate, int steps, Object result) {
        return ctx -> {
            ctx.stage(Stage.COMPUTE, "station-A");
            ctx.total(steps);
            for (int i = 0; i < steps; i++) {
                if (i == steps / 2) {
                    await(gate, ctx);
                }
                ctx.advance(1);
                pause(ctx);
            }
            return TaskResult.of(result);
        };
    }

    /** Waits for a latch while honouring cancellation (the engine's shutdown cancels a task left waiting). */
    static void await(CountDownLatch gate, TaskContext ctx) throws InterruptedException {
        while (!gate.await(10, TimeUnit.MILLISECONDS)) {
            ctx.throwIfCancellationRequested();
        }
    }

    /** A short pause between two progress steps, so that the engine's ticker publishes each one. */
    static void pause(TaskContext ctx) throws InterruptedException {
        new CountDownLatch(1).await(2, TimeUnit.MILLISECONDS);
        ctx.throwIfCancellationRequested();
    }
}
