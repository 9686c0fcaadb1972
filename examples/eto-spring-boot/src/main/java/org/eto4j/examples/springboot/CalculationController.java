package org.eto4j.examples.springboot;

import java.util.Map;

import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskRejectedException;
import org.eto4j.spring.boot.TaskTicket;
import org.eto4j.spring.boot.TaskTickets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /calculations?latitude=…&elevation=…} with a daily weather CSV as the body: queues the calculation and
 * answers {@code 202} with {@code {taskId, token, eventsUrl, websocketUrl}} at once; the client then follows the task
 * live on either URL.
 */
@RestController
class CalculationController {
    private final TaskEngine engine;
    private final TaskTickets tickets;

    CalculationController(TaskEngine engine, TaskTickets tickets) {
        this.engine = engine;
        this.tickets = tickets;
    }

    @PostMapping(path = "/calculations", consumes = {"text/csv", "text/plain"})
    ResponseEntity<TaskTicket> calculate(@RequestBody String csv, @RequestParam double latitude,
                                         @RequestParam double elevation) {
        var id = engine.submit(DailyCsvTask.TYPE, DailyCsvTask.parameters(csv, latitude, elevation),
                TaskOptions.defaults());
        return ResponseEntity.accepted().body(tickets.issue(id));
    }

    /** A full queue or an engine that is stopping: try again later (code and message key, no sentence). */
    @ExceptionHandler(TaskRejectedException.class)
    ResponseEntity<Map<String, Object>> rejected(TaskRejectedException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .body(Map.of("code", e.code().code(), "messageKey", e.messageKey()));
    }
}
