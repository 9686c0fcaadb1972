package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eto4j.progress.postgres.TestDatabase;
import org.junit.jupiter.api.Test;

/** The README's run command: the shaded jar starts, prints its address, serves the page and the API, and stops. */
class JarLaunchIT {
    static final Pattern URL = Pattern.compile("eto4j web app running at (http://localhost:\\d+/)");

    @Test
    void theRunnableJarPrintsItsUrlAndServesThePageAndTheApi() throws Exception {
        Path jar = Paths.get("target", "eto-webapp.jar");
        assertTrue(Files.isRegularFile(jar), "the package phase built " + jar);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--http-port", "0")
                .redirectErrorStream(true).start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String address = null;
            // Reads until the address is printed (once the app listens); ends early if the process dies.
            while (address == null && (line = out.readLine()) != null) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    address = m.group(1);
                }
            }
            assertNotNull(address, "the address is printed");
            URI base = URI.create(address);
            Http http = new Http(base);
            HttpResponse<String> page = http.get("/", null);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/app.js"));
            assertEquals(202, http.postCsv(ApiTest.STATION, Fixtures.sampleHead(10)).statusCode());
            assertTrue(Http.json(http.get("/api/v1/i18n/pt-BR", null)).get("messages")
                    .has("webapp.input.sample.credit"));
            assertEquals(200, http.get("/health/live", null).statusCode());
            // The shaded jar keeps Jetty's WebSocket parts (found through ServiceLoader files): the WebSocket
            // answers on the HTTP port.
            JsonNode task = Http.json(http.postCsv(ApiTest.STATION, Fixtures.sampleHead(3)));
            assertEquals("snapshot", http.firstWebSocketFrame(task.get("websocketUrl").asText(),
                    task.get("token").asText()).get("type").asText());
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the app stops on SIGTERM");
        }
    }

    @Test
    void helpListsEveryOptionWithItsVariableAndDefaultAndExitsWith0() throws Exception {
        Process p = new ProcessBuilder(java(), "-jar", jar().toString(), "--help").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        for (WebAppConfig.Option o : WebAppConfig.Option.values()) {
            assertTrue(output.contains("--" + o.flag() + " ") && output.contains(o.env()), o + " in " + output);
        }
    }

    @Test
    void anUnknownOptionStopsTheStartWithExitCode2() throws Exception {
        Process p = new ProcessBuilder(java(), "-jar", jar().toString(), "--ws-port", "8081")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.startsWith("eto-webapp: unknown option --ws-port: the WebSocket is served on the HTTP "
                + "port now"), output);
    }

    @Test
    void theJarRefusesThePostgresStoreWithoutItsUrlNamingTheFlag() throws Exception {
        Process p = new ProcessBuilder(java(), "-jar", jar().toString(), "--store", "postgres", "--token-key",
                PostgresStoreTest.KEY).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertEquals("eto-webapp: store postgres needs --jdbc-url (or ETO_JDBC_URL), e.g. "
                + "jdbc:postgresql://localhost:5432/eto", output.strip());
    }

    @Test
    void theJarRunsOnPostgresWithTheDriverAndPoolItCarries() throws Exception {
        TestDatabase db = TestDatabase.create();
        ProcessBuilder pb = new ProcessBuilder(java(), "-jar", jar().toString(), "--http-port", "0",
                "--store", "postgres", "--jdbc-url", db.url(), "--jdbc-user", db.user()).redirectErrorStream(true);
        // Secrets through the environment, as the README advises.
        pb.environment().put("ETO_JDBC_PASSWORD", db.password());
        pb.environment().put("ETO_TOKEN_KEY", PostgresStoreTest.KEY);
        Process p = pb.start();
        String taskId;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String address = address(out);
            assertNotNull(address, "the address is printed");
            Http http = new Http(URI.create(address));
            HttpResponse<String> submitted = http.postCsv(ApiTest.STATION, Fixtures.sampleHead(10));
            assertEquals(202, submitted.statusCode(), submitted.body());
            JsonNode task = Http.json(submitted);
            taskId = task.get("taskId").asText();
            JsonNode status = http.awaitEndByPolling(task.get("statusUrl").asText(), task.get("token").asText());
            assertEquals("succeeded", status.get("state").asText());
            HttpResponse<String> result = http.get(task.get("resultUrl").asText(), task.get("token").asText());
            assertEquals(200, result.statusCode(), result.body());
            assertEquals(10, Http.json(result).get("rows").size());
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the app stops on SIGTERM");
        }
        assertEquals(List.of("succeeded"), db.query("SELECT state FROM eto_task WHERE id = '" + taskId + "'"));
    }

    private static String address(BufferedReader out) throws java.io.IOException {
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = URL.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static Path jar() {
        Path jar = Paths.get("target", "eto-webapp.jar");
        assertTrue(Files.isRegularFile(jar), "the package phase built " + jar);
        return jar;
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }
}
