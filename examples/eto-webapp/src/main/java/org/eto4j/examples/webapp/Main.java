package org.eto4j.examples.webapp;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the web app: {@code java -jar eto-webapp.jar [--http-port 8080] …} (see {@link WebAppConfig#help()}).
 * Prints the page's address and runs until stopped (Ctrl+C, SIGTERM). {@code --help} prints the options and
 * exits with 0; a bad option exits with 2, a failed start with 1.
 */
public final class Main {
    private Main() {
    }

    /**
     * Entry point.
     *
     * @param args the options
     * @throws InterruptedException never in practice: the main thread waits until the process is stopped
     */
    public static void main(String[] args) throws InterruptedException {
        if (WebAppConfig.wantsHelp(args)) {
            System.out.print(WebAppConfig.help());
            System.out.flush();
            System.exit(0);
            return;
        }
        WebAppConfig config;
        try {
            config = WebAppConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("eto-webapp: " + e.getMessage());
            if (e.getMessage().startsWith("unknown option")) {
                System.err.println("eto-webapp: --help lists the options");
            }
            System.exit(2);
            return;
        }
        WebApp app;
        try {
            app = WebApp.start(config);
        } catch (RuntimeException e) {
            // A port in use, a database that cannot be reached or refuses the schema: one line, no stack trace.
            System.err.println("eto-webapp: cannot start: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "eto-webapp-shutdown"));
        System.out.println("eto4j web app running at " + app.baseUri());
        if (!config.publicBaseUrl().isEmpty()) {
            System.out.println("public address: " + config.publicBaseUrl() + '/');
        }
        System.out.println("task store: " + app.storeDescription());
        stopped.await();
    }
}
