/**
 * Task events as Server-Sent Events (protocol v1): {@link org.eto4j.transport.sse.SseTransport} and its two
 * server adapters, {@link org.eto4j.transport.sse.SseHttpHandler} for the JDK's HTTP server and
 * {@link org.eto4j.transport.sse.SseServlet} for Servlet 6 containers.
 */
package org.eto4j.transport.sse;
