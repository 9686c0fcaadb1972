package org.eto4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example with {@code spring.profiles.active=postgres} on a real PostgreSQL: the same contract, tasks as rows of
 * the application's database, and the health component following an outage of the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        LiveCalculationContract.THROTTLE,
        // Fail fast while the database is away, so that requests and checks do not queue for 30 s.
        "spring.datasource.hikari.connection-timeout=2000"})
@ActiveProfiles("postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresCalculationTest extends LiveCalculationContract {
    private static final StoppablePostgres PG = StoppablePostgres.shared();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PG::url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Test
    void tasksAreRowsOfTheApplicationsDatabase() throws Exception {
        JsonNode ticket = submit(CSV);
        followOverSse(ticket);
        try (Connection c = DriverManager.getConnection(PG.url(), "postgres", "postgres");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT state FROM eto_task WHERE id = '"
                     + ticket.get("taskId").asText() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("succeeded");
        }
        JsonNode eto4j = getJson("/actuator/health").get("components").get("eto4j").get("components");
        assertThat(eto4j.get("store").get("details").get("store").asText()).isEqualTo("postgres");
        assertThat(eto4j.get("listen").get("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the database goes away and comes back
    void healthIsDownWhilePostgresIsStoppedAndUpAgainAfterItRestarts() throws Exception {
        assertThat(eto4jStatus()).isEqualTo("UP");

        PG.stop();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> eto4jStatus().equals("DOWN"));
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(url("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode store = json.readTree(health.body()).get("components").get("eto4j").get("components").get("store");
        assertThat(store.get("status").asText()).isEqualTo("DOWN");
        assertThat(store.get("details").has("error")).isTrue();

        PG.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> eto4jStatus().equals("UP"));
        // Back to work without a restart of the application.
        JsonNode end = terminal(followOverSse(submit(CSV)).stream().limit(100)
                .filter(r -> !"close".equals(r[0])).map(r -> {
                    try {
                        return json.readTree(r[1]);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList());
        assertThat(end.get("result").get("days").asInt()).isEqualTo(2);
    }

    private String eto4jStatus() throws Exception {
        return getJson("/actuator/health").get("components").get("eto4j").get("status").asText();
    }
}
