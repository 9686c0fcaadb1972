/**
 * Task events over Jakarta WebSocket 2.1 (protocol version 1) inside the host's servlet container:
 * {@link org.eto4j.transport.jakarta.JakartaWebSocketTransport} builds a
 * {@link jakarta.websocket.server.ServerEndpointConfig} that the host registers with its
 * {@link jakarta.websocket.server.ServerContainer} (Jetty 12, Tomcat 10.1+, Undertow, Spring Boot). Tokens, the
 * frame codec and close codes are eto-transport's ({@link org.eto4j.transport}); the wire format is the one the
 * standalone {@code eto-transport-websocket} server speaks and documents.
 */
package org.eto4j.transport.jakarta;
