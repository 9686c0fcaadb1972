/**
 * Task events over WebSocket (protocol version 1) on a port of its own:
 * {@link org.eto4j.transport.websocket.WebSocketTransport} serves a {@link org.eto4j.progress.TaskEngine}'s events
 * to browsers and services, and {@link org.eto4j.transport.websocket.TaskEventClient} follows one task from Java
 * with automatic reconnect and resume. Tokens, the frame codec and close codes are eto-transport's
 * ({@link org.eto4j.transport}); the wire format is described in that module's README.
 */
package org.eto4j.transport.websocket;
