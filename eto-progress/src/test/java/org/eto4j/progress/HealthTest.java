package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.progress.store.TaskStore;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void anEngineIsUpUntilShutdownBegins() throws Exception {
        TaskEngine engine = TaskEngine.builder().workers(1).build();
        HealthProbe probe = engine::health;
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        engine.submit(ctx -> {
            started.countDown();
            release.await();
            return TaskResult.none();
        });
        engine.submit(ctx -> TaskResult.none());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Health up = probe.check();
        assertEquals(Health.Status.UP, up.status());
        assertEquals(1, up.details().get("running"));
        assertEquals(1, up.details().get("queued"));
        release.countDown();
        assertTrue(engine.shutdown(Duration.ofSeconds(5)));
        Health down = probe.check();
        assertEquals(Health.Status.DOWN, down.status());
        assertEquals(true, down.details().get("shutdown"));
        assertEquals(0, down.details().get("running"));
    }

    @Test
    void theInMemoryStoreIsAlwaysUp() {
        TaskStore store = InMemoryTaskStore.create();
        HealthProbe probe = store::health;
        assertTrue(probe.check().isUp());
        assertEquals("InMemoryTaskStore", probe.check().details().get("store"));
    }

    @Test
    void healthIsAnImmutableValueKeepingDetailOrder() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("b", 1);
        details.put("a", "x");
        Health h = new Health(Health.Status.DOWN, details);
        details.put("c", true);
        assertEquals(List.of("b", "a"), List.copyOf(h.details().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> h.details().put("d", 1));
        Health more = h.withDetail("c", 2);
        assertEquals(List.of("b", "a", "c"), List.copyOf(more.details().keySet()));
        assertFalse(more.isUp());
        assertThrows(NullPointerException.class, () -> Health.up().withDetail("k", null));
    }
}
