package org.eto4j.spring.boot;

import jakarta.servlet.ServletContext;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.jakarta.JakartaWebSocketTransport;
import org.eto4j.transport.sse.SseServlet;
import org.eto4j.transport.sse.SseTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Live task events on the application's own port, in a servlet web application: the Server-Sent Events servlet
 * ({@code eto4j.sse.path}, default {@code /eto/events/{taskId}}) and the Jakarta WebSocket endpoint
 * ({@code eto4j.websocket.path}, default {@code /eto/ws/{taskId}}), both checking tokens of the one
 * {@link TaskTokens} bean, plus {@link TaskTickets} for the endpoint that submits tasks.
 *
 * <p>The WebSocket endpoint is added to the container's {@code jakarta.websocket.server.ServerContainer} (Tomcat,
 * Jetty and Undertow starters all bring one); no {@code spring-websocket} is needed, and the endpoint is not
 * exposed as a {@code ServerEndpointConfig} bean, so an application's own {@code ServerEndpointExporter} does not
 * register it twice.
 */
@AutoConfiguration(after = Eto4jAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Servlet")
@ConditionalOnBean(TaskEngine.class)
public class Eto4jWebAutoConfiguration {

    /** Creates the configuration (Spring instantiates it). */
    public Eto4jWebAutoConfiguration() {
    }

    /**
     * Tickets with this application's paths, under the servlet context path.
     *
     * @param tokens         the token service
     * @param properties     the settings
     * @param servletContext the servlet context (for its context path)
     * @return the ticket issuer
     */
    @Bean
    @ConditionalOnMissingBean
    public TaskTickets etoTaskTickets(TaskTokens tokens, Eto4jProperties properties,
                                      ObjectProvider<ServletContext> servletContext) {
        ServletContext context = servletContext.getIfAvailable();
        String contextPath = context == null ? "" : context.getContextPath();
        return new TaskTickets(tokens,
                properties.getSse().isEnabled() ? contextPath + trimSlash(properties.getSse().getPath()) : null,
                properties.getWebsocket().isEnabled() ? contextPath + properties.getWebsocket().getPath() : null);
    }

    static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Server-Sent Events: {@code GET <eto4j.sse.path>/{taskId}}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SseServlet.class)
    @ConditionalOnProperty(prefix = "eto4j.sse", name = "enabled", matchIfMissing = true)
    static class SseConfiguration {

        @Bean(destroyMethod = "stop")
        @ConditionalOnMissingBean
        SseTransport etoSseTransport(TaskEngine engine, TaskTokens tokens, Eto4jProperties properties) {
            return SseTransport.builder(engine)
                    .tokens(tokens)
                    .heartbeatInterval(properties.getSse().getHeartbeatInterval())
                    .allowedOrigins(properties.getAllowedOrigins())
                    .build()
                    .start();
        }

        @Bean
        @ConditionalOnMissingBean(name = "etoSseServletRegistration")
        ServletRegistrationBean<SseServlet> etoSseServletRegistration(SseTransport transport,
                                                                      Eto4jProperties properties) {
            ServletRegistrationBean<SseServlet> registration = new ServletRegistrationBean<>(
                    new SseServlet(transport), trimSlash(properties.getSse().getPath()) + "/*");
            registration.setName("etoSseServlet");
            registration.setAsyncSupported(true); // each stream is an async request
            return registration;
        }

        @Bean
        @ConditionalOnMissingBean(name = "etoSseTransportStop")
        Eto4jLifecycle.Stoppable etoSseTransportStop(SseTransport transport) {
            return transport::stop;
        }
    }

    /** Jakarta WebSocket: {@code <eto4j.websocket.path>}, protocol v1. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "jakarta.websocket.server.ServerContainer")
    @ConditionalOnProperty(prefix = "eto4j.websocket", name = "enabled", matchIfMissing = true)
    static class WebSocketConfiguration {

        @Bean(destroyMethod = "stop")
        @ConditionalOnMissingBean
        JakartaWebSocketTransport etoWebSocketTransport(TaskEngine engine, TaskTokens tokens,
                                                        Eto4jProperties properties) {
            return JakartaWebSocketTransport.builder(engine)
                    .tokens(tokens)
                    .path(properties.getWebsocket().getPath())
                    .heartbeatInterval(properties.getWebsocket().getHeartbeatInterval())
                    .allowedOrigins(properties.getAllowedOrigins())
                    .build();
        }

        @Bean
        @ConditionalOnMissingBean
        WebSocketEndpointRegistrar etoWebSocketEndpointRegistrar(JakartaWebSocketTransport transport) {
            return new WebSocketEndpointRegistrar(transport);
        }

        @Bean
        @ConditionalOnMissingBean(name = "etoWebSocketTransportStop")
        Eto4jLifecycle.Stoppable etoWebSocketTransportStop(JakartaWebSocketTransport transport) {
            return transport::stop;
        }
    }
}
