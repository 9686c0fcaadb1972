/**
 * Task events over WebSocket (protocol version 1): {@link org.eto4j.transport.websocket.WebSocketTransport}
 * serves a {@link org.eto4j.progress.TaskEngine}'s events to browsers and services,
 * {@link org.eto4j.transport.websocket.TaskEventClient} follows one task from Java with automatic reconnect and
 * resume, and {@link org.eto4j.transport.websocket.TaskTokens} issues and checks the signed, expiring task tokens
 * both sides use. The wire format and close codes are described in the module's README.
 */
package org.eto4j.transport.websocket;
