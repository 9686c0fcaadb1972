package org.eto4j.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads response bodies into trees and maps every format problem to MALFORMED_RESPONSE. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    static JsonNode read(SourceId source, String body) {
        if (body == null || body.isBlank()) {
            throw malformed(source, "empty body");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw malformed(source, "not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SourceException(SourceErrorCode.MALFORMED_RESPONSE, e, source.token(),
                    "invalid JSON at line " + e.getLocation().getLineNr());
        }
    }

    /** A required child; missing or JSON null is a format error naming the path. */
    static JsonNode require(SourceId source, JsonNode parent, String path) {
        JsonNode node = parent.at(path);
        if (node.isMissingNode() || node.isNull()) {
            throw malformed(source, "missing " + path);
        }
        return node;
    }

    /** A number, or NaN for JSON null (a documented "no value"); anything else is a format error. */
    static double number(SourceId source, JsonNode node, String where) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Double.NaN;
        }
        if (!node.isNumber()) {
            throw malformed(source, "not a number at " + where);
        }
        return node.doubleValue();
    }

    static SourceException malformed(SourceId source, String detail) {
        return new SourceException(SourceErrorCode.MALFORMED_RESPONSE, source.token(), detail);
    }
}
