package org.eto4j.examples.webapp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a WebSocket handshake whose {@code Origin} is present and not allowed ({@link Origins}) with HTTP 403
 * and the transport's refusal body, before the container upgrades it. A page of another site could otherwise
 * follow a task whose token it obtained; a client without {@code Origin} (not a browser) is let through, as the
 * protocol says. The request's own scheme and host come from the trusted proxy's forwarded headers when it has
 * one, else from the connection and the {@code Host} header.
 */
final class OriginGuard extends Handler.Wrapper {
    private static final byte[] REFUSAL = "{\"code\":4403,\"messageKey\":\"transport.close.4403\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final Origins origins;
    private final TrustedProxies proxies;

    OriginGuard(Handler handler, Origins origins, TrustedProxies proxies) {
        super(handler);
        this.origins = origins;
        this.proxies = proxies;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !origin.isEmpty() && request.getHttpURI().getPath().startsWith(Links.WEBSOCKET)) {
            TrustedProxies.Client client = proxies.resolve(Request.getRemoteAddr(request),
                    name -> request.getHeaders().getValuesList(name));
            String scheme = client.scheme() != null ? client.scheme() : request.isSecure() ? "https" : "http";
            String host = client.host() != null ? client.host() : request.getHeaders().get(HttpHeader.HOST);
            if (!origins.allows(origin, scheme, host)) {
                response.setStatus(403);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.wrap(REFUSAL), callback);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
