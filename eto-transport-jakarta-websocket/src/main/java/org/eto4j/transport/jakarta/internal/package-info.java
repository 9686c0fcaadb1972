/**
 * Implementation of the Jakarta WebSocket transport: the per-connection endpoint and the session sink. Public only
 * because containers require a public endpoint class; not an API, and left out of the Javadoc.
 */
package org.eto4j.transport.jakarta.internal;
