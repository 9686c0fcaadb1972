package org.eto4j.examples.minimal;

import java.util.ArrayList;
import java.util.List;

import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskResult;
import org.eto4j.spring.boot.TaskTicket;
import org.eto4j.spring.boot.TaskTickets;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The example README's "Spring Boot" section, compiled and run by {@link MinimalApplicationTest}. */
// README:begin
@SpringBootApplication
@RestController
public class MinimalApplication {
    private final TaskEngine engine;    // from eto-spring-boot-starter, like everything below
    private final TaskTickets tickets;  // a task token + the task's SSE and WebSocket paths

    MinimalApplication(TaskEngine engine, TaskTickets tickets) {
        this.engine = engine;
        this.tickets = tickets;
    }

    @PostMapping("/calculations")
    TaskTicket calculate(@RequestBody String csv, @RequestParam double latitude, @RequestParam double elevation) {
        Station station = Station.of(latitude, elevation);
        List<String> lines = csv.lines().toList();
        return tickets.issue(engine.submit(ctx -> {                 // queued; the answer goes out at once
            WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, List.of(lines.get(0).split(",")));
            ctx.stage(Stage.COMPUTE);
            ctx.total(lines.size() - 1);
            List<Double> eto = new ArrayList<>();
            for (int row = 0; row < lines.size() - 1; row++) {
                ctx.throwIfCancellationRequested();
                eto.add(Fao56.defaults().daily(station,
                        table.dailyRow(List.of(lines.get(row + 1).split(",")), row)).eto());
                ctx.advance(1);                                     // progress, live on both transports
            }
            return TaskResult.of(eto);
        }));                              // {taskId, token, eventsUrl, websocketUrl}
    }
}
// README:end
