package org.eto4j.examples.webapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eto4j.i18n.Messages;

/**
 * The answer of errors the server finds before (or outside) the app's own handlers: an address it cannot read,
 * headers over {@code --max-header-bytes}, a bad {@code Host} or {@code Content-Length}, an unknown HTTP version,
 * a body slower than {@code --min-request-bytes-per-second}, a failing upgrade. Always with
 * {@code Cache-Control: no-store}. Jetty's own pages are HTML naming its classes; this
 * writes the app's error JSON instead ({@code {"error":{"code","message",…}}}), in the request's language when its
 * headers could be read, and never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final Messages messages;
    private final ObjectMapper json;
    private final long maxBodyBytes;

    JsonErrorHandler(Messages messages, ObjectMapper json, long maxBodyBytes) {
        this.messages = messages;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer i ? i : response.getStatus();
        if (status < 400) {
            status = 500;
        }
        Locale locale;
        try {
            locale = messages.negotiate(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
        } catch (RuntimeException e) {
            locale = Locale.ENGLISH;
        }
        byte[] body = body(status, request.getMethod(), locale);
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** A message Jetty rejects before it is a request (no handler runs): the same JSON, in English. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
        fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
        fields.put(new HttpField("X-Content-Type-Options", "nosniff"));
        return ByteBuffer.wrap(body(status, "", Locale.ENGLISH));
    }

    private byte[] body(int status, String method, Locale locale) {
        ApiException e = switch (status) {
            case 400 -> ApiException.of(WebErrorCode.MALFORMED_REQUEST);
            case 403 -> ApiException.of(WebErrorCode.FORBIDDEN);
            case 404 -> ApiException.of(WebErrorCode.NOT_FOUND);
            case 405 -> ApiException.of(WebErrorCode.METHOD_NOT_ALLOWED, method);
            case 408 -> ApiException.of(WebErrorCode.REQUEST_TIMEOUT);
            case 413 -> ApiException.of(WebErrorCode.BODY_TOO_LARGE, maxBodyBytes);
            case 414 -> ApiException.of(WebErrorCode.URI_TOO_LONG);
            case 431 -> ApiException.of(WebErrorCode.HEADERS_TOO_LARGE);
            case 503 -> ApiException.of(WebErrorCode.UNAVAILABLE);
            // An HTTP version or feature the server does not speak is the client's request, not a failure here.
            case 501, 505 -> ApiException.of(WebErrorCode.MALFORMED_REQUEST);
            default -> status >= 500 ? ApiException.of(WebErrorCode.INTERNAL)
                    : ApiException.of(WebErrorCode.MALFORMED_REQUEST);
        };
        // The status stays Jetty's (e.g. 400 for a bad URI, 431); the code says which of the app's errors it is.
        try {
            return json.writeValueAsBytes(ApiServlet.errorBody(messages, locale, e));
        } catch (JsonProcessingException ex) {
            return "{\"error\":{\"code\":\"WEB-5000\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
