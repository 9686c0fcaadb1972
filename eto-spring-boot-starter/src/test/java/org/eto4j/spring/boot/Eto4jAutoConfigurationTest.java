package org.eto4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.store.TaskStore;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.eto4j.transport.jakarta.JakartaWebSocketTransport;
import org.eto4j.transport.sse.SseServlet;
import org.eto4j.transport.sse.SseTransport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class Eto4jAutoConfigurationTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final String KEY_BASE64 = Base64.getEncoder().encodeToString(KEY);

    private final ApplicationContextRunner plain = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Eto4jAutoConfiguration.class, Eto4jWebAutoConfiguration.class));

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Eto4jAutoConfiguration.class, Eto4jWebAutoConfiguration.class));

    @Test
    void defaultsGiveARunningInMemoryEngineAndRandomTokensWithoutAnyWebPart() {
        plain.run(context -> {
            assertThat(context).hasSingleBean(TaskEngine.class).hasSingleBean(TaskTokens.class)
                    .doesNotHaveBean(TaskStore.class)
                    .doesNotHaveBean(SseTransport.class).doesNotHaveBean(JakartaWebSocketTransport.class)
                    .doesNotHaveBean(TaskTickets.class);
            TaskEngine engine = context.getBean(TaskEngine.class);
            assertThat(awaitTerminal(engine, engine.submit(ctx -> TaskResult.of("done"))))
                    .isInstanceOf(TaskEvent.Completed.class);
            TaskTokens tokens = context.getBean(TaskTokens.class);
            TaskId id = TaskId.random();
            assertThat(tokens.verify(tokens.issue(id), id)).isTrue();
            assertThat(tokens.ttl()).isEqualTo(TaskTokens.DEFAULT_TTL);
        });
    }

    @Test
    void theEngineIsShutDownWhenTheContextCloses() {
        TaskEngine[] engine = new TaskEngine[1];
        plain.run(context -> engine[0] = context.getBean(TaskEngine.class));
        assertThat(engine[0].isShutdown()).isTrue();
    }

    @Test
    void aServletApplicationGetsBothTransportsOnItsOwnPortAndTickets() {
        web.run(context -> {
            assertThat(context).hasSingleBean(SseTransport.class).hasSingleBean(JakartaWebSocketTransport.class)
                    .hasSingleBean(WebSocketEndpointRegistrar.class).hasSingleBean(TaskTickets.class);
            ServletRegistrationBean<?> sse = context.getBean("etoSseServletRegistration",
                    ServletRegistrationBean.class);
            assertThat(sse.getServlet()).isInstanceOf(SseServlet.class);
            assertThat(sse.getUrlMappings()).containsExactly("/eto/events/*");
            assertThat(context.getBean(SseTransport.class).isRunning()).isTrue();
            assertThat(context.getBean(JakartaWebSocketTransport.class).endpointConfig().getPath())
                    .isEqualTo("/eto/ws/{taskId}");
            // Both transports check tokens of the one TaskTokens bean.
            TaskTokens tokens = context.getBean(TaskTokens.class);
            assertThat(context.getBean(SseTransport.class).tokens()).isSameAs(tokens);
            assertThat(context.getBean(JakartaWebSocketTransport.class).tokens()).isSameAs(tokens);

            TaskId id = TaskId.random();
            TaskTicket ticket = context.getBean(TaskTickets.class).issue(id);
            assertThat(ticket.taskId()).isEqualTo(id.toString());
            assertThat(tokens.verify(ticket.token(), id)).isTrue();
            assertThat(ticket.eventsUrl()).isEqualTo("/eto/events/" + id);
            assertThat(ticket.websocketUrl()).isEqualTo("/eto/ws/" + id);
        });
    }

    @Test
    void transportsAreStoppedBeforeTheWebServerWithTheContext() {
        SseTransport[] sse = new SseTransport[1];
        web.run(context -> sse[0] = context.getBean(SseTransport.class));
        assertThat(sse[0].isRunning()).isFalse();
    }

    @Test
    void propertiesAreBoundToEngineTokensAndTransports() {
        web.withPropertyValues(
                        "eto4j.token-key=" + KEY_BASE64,
                        "eto4j.token-ttl=5m",
                        "eto4j.sse.path=/live/",
                        "eto4j.websocket.path=/live-ws/{taskId}",
                        "eto4j.websocket.heartbeat-interval=500ms",
                        "eto4j.engine.workers=3",
                        "eto4j.engine.queue-capacity=7",
                        "eto4j.engine.thread-name-prefix=calc",
                        "eto4j.allowed-origins=https://app.example.org")
                .run(context -> {
                    Eto4jProperties p = context.getBean(Eto4jProperties.class);
                    assertThat(p.getEngine().getWorkers()).isEqualTo(3);
                    assertThat(p.getWebsocket().getHeartbeatInterval()).isEqualTo(Duration.ofMillis(500));
                    assertThat(p.getAllowedOrigins()).containsExactly("https://app.example.org");

                    TaskTokens tokens = context.getBean(TaskTokens.class);
                    assertThat(tokens.ttl()).isEqualTo(Duration.ofMinutes(5));
                    TaskId id = TaskId.random();
                    // Another node with the same key accepts this node's tokens.
                    TaskTokens otherNode = TaskTokens.builder().key(KEY).build();
                    assertThat(otherNode.verify(tokens.issue(id), id)).isTrue();

                    assertThat(context.getBean("etoSseServletRegistration", ServletRegistrationBean.class)
                            .getUrlMappings()).containsExactly("/live/*");
                    assertThat(context.getBean(JakartaWebSocketTransport.class).endpointConfig().getPath())
                            .isEqualTo("/live-ws/{taskId}");
                    TaskTicket ticket = context.getBean(TaskTickets.class).issue(id);
                    assertThat(ticket.eventsUrl()).isEqualTo("/live/" + id);
                    assertThat(ticket.websocketUrl()).isEqualTo("/live-ws/" + id);

                    // queue-capacity 7 reached: the eighth queued task is refused.
                    TaskEngine engine = context.getBean(TaskEngine.class);
                    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
                    int accepted = 0;
                    try {
                        for (int i = 0; i < 20; i++) {
                            engine.submit(ctx -> {
                                release.await();
                                return TaskResult.of(1);
                            });
                            accepted++;
                        }
                    } catch (org.eto4j.progress.TaskRejectedException expected) {
                        // the queue is full
                    } finally {
                        release.countDown();
                    }
                    assertThat(accepted).isBetween(7, 10); // 7 queued + up to 3 already taken by workers
                });
    }

    @Test
    void transportsCanBeSwitchedOff() {
        web.withPropertyValues("eto4j.sse.enabled=false", "eto4j.websocket.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(SseTransport.class).doesNotHaveBean(JakartaWebSocketTransport.class)
                    .doesNotHaveBean("etoSseServletRegistration");
            TaskTicket ticket = context.getBean(TaskTickets.class).issue(TaskId.random());
            assertThat(ticket.eventsUrl()).isNull();
            assertThat(ticket.websocketUrl()).isNull();
        });
    }

    @Test
    void everyBeanBacksOffWhenTheApplicationDefinesItsOwn() {
        web.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasSingleBean(TaskEngine.class).hasSingleBean(TaskTokens.class)
                    .hasSingleBean(SseTransport.class).hasSingleBean(TaskTickets.class)
                    .doesNotHaveBean(EngineShutdown.class);
            assertThat(context.getBean(TaskEngine.class)).isSameAs(context.getBean("ownEngine"));
            assertThat(context.getBean(TaskTokens.class)).isSameAs(context.getBean("ownTokens"));
            assertThat(context.getBean(SseTransport.class)).isSameAs(context.getBean("ownSse"));
            assertThat(context.getBean(TaskTickets.class)).isSameAs(context.getBean("ownTickets"));
            // The starter's WebSocket transport is built on the application's engine and tokens.
            assertThat(context.getBean(JakartaWebSocketTransport.class).tokens())
                    .isSameAs(context.getBean("ownTokens"));
        });
    }

    @Test
    void aTokenKeyThatIsNotBase64IsRefusedNamingTheProperty() {
        plain.withPropertyValues("eto4j.token-key=not base64!").run(context -> {
            assertThat(context).hasFailed();
            TransportException e = rootCause(context.getStartupFailure(), TransportException.class);
            assertThat(e.code()).isEqualTo(TransportErrorCode.INVALID_OPTION);
            assertThat(e.args()).first().isEqualTo("eto4j.token-key");
            assertThat(e.args()).doesNotContain("not base64!");
        });
    }

    @Test
    void aShortTokenKeyIsRefused() {
        plain.withPropertyValues("eto4j.token-key=" + Base64.getEncoder().encodeToString(new byte[16])).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure(), TransportException.class).args())
                    .first().isEqualTo("key");
        });
    }

    @Test
    void postgresModeWithoutADataSourceFailsInsteadOfFallingBackToMemory() {
        plain.withPropertyValues("eto4j.store=postgres").run(context -> {
            assertThat(context).hasFailed();
            ProgressException e = rootCause(context.getStartupFailure(), ProgressException.class);
            assertThat(e.code()).isEqualTo(ProgressErrorCode.INVALID_OPTION);
            assertThat(e.args()).first().isEqualTo("eto4j.store");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean(destroyMethod = "close")
        TaskEngine ownEngine() {
            return TaskEngine.builder().workers(1).build();
        }

        @Bean
        TaskTokens ownTokens() {
            return TaskTokens.builder().key(KEY).build();
        }

        @Bean(destroyMethod = "stop")
        SseTransport ownSse(TaskEngine engine, TaskTokens tokens) {
            return SseTransport.builder(engine).tokens(tokens).build().start();
        }

        @Bean
        TaskTickets ownTickets(TaskTokens tokens) {
            return new TaskTickets(tokens, "/own", null);
        }
    }

    static TaskEvent awaitTerminal(TaskEngine engine, TaskId id) throws InterruptedException {
        BlockingQueue<TaskEvent> events = new ArrayBlockingQueue<>(64);
        engine.subscribe(id, events::offer);
        while (true) {
            TaskEvent e = events.poll(30, TimeUnit.SECONDS);
            assertThat(e).as("an event within 30 s").isNotNull();
            if (e instanceof TaskEvent.Terminal) {
                return e;
            }
            if (e instanceof TaskEvent.Snapshot s && s.task().outcome().isPresent()) {
                return s.task().outcome().get();
            }
        }
    }

    static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }
}
