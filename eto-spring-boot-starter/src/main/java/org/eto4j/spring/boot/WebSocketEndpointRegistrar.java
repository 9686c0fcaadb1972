package org.eto4j.spring.boot;

import jakarta.servlet.ServletContext;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.eto4j.transport.jakarta.JakartaWebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.context.ServletContextAware;

/**
 * Adds the transport's endpoint to the servlet container's {@link ServerContainer} once every singleton exists —
 * what Spring's {@code ServerEndpointExporter} does, without needing {@code spring-websocket}. By then an embedded
 * container has run its WebSocket initializer but has not accepted a connection, so every container allows it.
 */
public final class WebSocketEndpointRegistrar implements ServletContextAware, SmartInitializingSingleton {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpointRegistrar.class);

    private final JakartaWebSocketTransport transport;
    private ServletContext servletContext;
    private volatile boolean registered;

    WebSocketEndpointRegistrar(JakartaWebSocketTransport transport) {
        this.transport = transport;
    }

    @Override
    public void setServletContext(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Object container = servletContext == null ? null : servletContext.getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer serverContainer)) {
            // A mock servlet context (MockMvc tests) or a container without Jakarta WebSocket: nothing to serve.
            LOG.warn("No jakarta.websocket ServerContainer in the servlet context:"
                    + " eto4j WebSocket endpoint {} not registered",
                    transport.endpointConfig().getPath());
            return;
        }
        try {
            serverContainer.addEndpoint(transport.endpointConfig());
            registered = true;
        } catch (DeploymentException e) {
            throw new TransportException(TransportErrorCode.INVALID_OPTION, e, "eto4j.websocket.path",
                    transport.endpointConfig().getPath(), "a path no other endpoint uses");
        }
    }

    /** @return whether the endpoint was added to a container */
    public boolean isRegistered() {
        return registered;
    }
}
