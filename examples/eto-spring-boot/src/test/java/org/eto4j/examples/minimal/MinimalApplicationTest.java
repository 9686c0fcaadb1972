package org.eto4j.examples.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The README's claim: the starter and one {@code @PostMapping} give a calculation followed live. */
@SpringBootTest(classes = MinimalApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MinimalApplicationTest {
    @LocalServerPort
    int port;

    @Test
    void theReadmeShowsThisApplicationUnchanged() throws Exception {
        String source = Files.readString(Path.of("src/test/java/org/eto4j/examples/minimal/MinimalApplication.java"));
        String snippet = source.substring(source.indexOf("// README:begin\n") + 16, source.indexOf("// README:end"));
        assertThat(Files.readString(Path.of("README.md"))).contains("```java\n" + snippet + "```");
    }

    @Test
    void aPostedCsvIsFollowedToItsResultOverServerSentEvents() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/calculations?latitude=50.8&elevation=100"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "date,tmax,tmin,rh_max,rh_min,u2,rs\n2024-07-06,21.5,12.3,84,63,2.078,22.07\n"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        JsonNode ticket = json.readTree(posted.body());

        List<String> data = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + ticket.get("eventsUrl").asText() + "?token=" + ticket.get("token").asText())).build(),
                        HttpResponse.BodyHandlers.ofLines())
                .body().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
        JsonNode end = null;
        for (String d : data) {
            JsonNode frame = json.readTree(d);
            if (frame.has("result")) {
                end = frame;
            }
        }
        assertThat(end).as(data.toString()).isNotNull();
        // FAO-56 example 18: 3.88 mm/day.
        assertThat(end.get("result").get(0).asDouble()).isCloseTo(3.88, within(0.05));
    }
}
