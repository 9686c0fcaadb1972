/**
 * The transport contract of eto4j: one JUnit 5 suite, {@link org.eto4j.transport.testkit.TransportContract},
 * that every transport of protocol v1 runs (the standalone WebSocket server, the Jakarta WebSocket endpoint,
 * the Server-Sent Events adapters, or a host's own), with the JDK clients it drives them with
 * ({@link org.eto4j.transport.testkit.ContractClients}). A test-support artifact: depend on it in test scope.
 */
package org.eto4j.transport.testkit;
