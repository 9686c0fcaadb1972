package org.eto4j.fusion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An explicit, serialisable error model of two or more sources of daily FAO-56 inputs, with its provenance.
 *
 * <p>Per source, input {@link Variable} and calendar month it holds the correction {@code x' = scale · x + bias} and
 * the error variance of the corrected input; per input and month the correlation of the sources' errors; per source
 * and month the ETo factor of {@link Estimator#ETO_SCALING}; and per estimator, month and set of available sources
 * the combination weights, the variance-scaling moments and the predictive spread of ETo ({@code combinations} in
 * the JSON). Fit one with {@link FusionCalibrator}; load the shipped ones with {@link #named(String)}; store one with
 * {@link #toJson()} and read it back with {@link #fromJson(String)}. Immutable and thread-safe.
 *
 * <p>The domain is the box around the training stations widened by a margin: a station outside it belongs to
 * another region, and {@link EtoFusion} refuses it rather than extrapolate the error model.
 */
public final class FusionCalibration {
    /** The JSON format this release writes and reads. Readers refuse any other version. */
    public static final int FORMAT_VERSION = 1;
    /** The value of the JSON {@code format} member. */
    public static final String FORMAT = "eto4j-fusion-calibration";
    /** The name of the calibration fitted on the 16 MATOPIBA stations, 1991–2020, shipped in this jar. */
    public static final String MATOPIBA = "matopiba";

    private static final List<String> SHIPPED = List.of(MATOPIBA);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final String name;
    final Provenance provenance;
    final Domain domain;
    final List<String> sources;
    /** [source][variable][month]. */
    final double[][][] scale;
    final double[][][] bias;
    final double[][][] errorVariance;
    /** [variable][month][source][source]. */
    final double[][][][] correlation;
    /** [source][month]. */
    final double[][] etoScale;
    final Map<Integer, Combination> combinations;

    FusionCalibration(String name, Provenance provenance, Domain domain, List<String> sources, double[][][] scale,
                      double[][][] bias, double[][][] errorVariance, double[][][][] correlation,
                      double[][] etoScale, Map<Integer, Combination> combinations) {
        this.name = name;
        this.provenance = provenance;
        this.domain = domain;
        this.sources = List.copyOf(sources);
        this.scale = scale;
        this.bias = bias;
        this.errorVariance = errorVariance;
        this.correlation = correlation;
        this.etoScale = etoScale;
        this.combinations = Collections.unmodifiableMap(new HashMap<>(combinations));
    }

    /**
     * A calibration shipped in this jar.
     *
     * @param name the name, e.g. {@link #MATOPIBA}
     * @return the calibration
     * @throws FusionException {@link FusionErrorCode#UNKNOWN_CALIBRATION} for a name not shipped
     */
    public static FusionCalibration named(String name) {
        if (!SHIPPED.contains(name)) {
            throw new FusionException(FusionErrorCode.UNKNOWN_CALIBRATION, name, String.join(", ", SHIPPED));
        }
        try (InputStream in = FusionCalibration.class.getResourceAsStream("calibrations/" + name + ".json")) {
            if (in == null) {
                throw new FusionException(FusionErrorCode.UNKNOWN_CALIBRATION, name, String.join(", ", SHIPPED));
            }
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The calibration's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Where the calibration comes from.
     *
     * @return the provenance
     */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * The region the calibration applies to.
     *
     * @return the domain
     */
    public Domain domain() {
        return domain;
    }

    /**
     * The sources the calibration knows, in index order.
     *
     * @return an immutable list
     */
    public List<String> sources() {
        return sources;
    }

    /**
     * The correction of an input of a source in a month: {@code x' = scale · x + bias}.
     *
     * @param source   the source's name
     * @param variable the input
     * @param month    the calendar month, 1–12
     * @return the correction
     * @throws FusionException {@link FusionErrorCode#UNKNOWN_SOURCE} for a source the calibration does not know
     */
    public Correction correction(String source, Variable variable, int month) {
        int s = sourceIndex(source);
        int v = variable.ordinal();
        return new Correction(scale[s][v][month - 1], bias[s][v][month - 1], errorVariance[s][v][month - 1]);
    }

    /**
     * The correlation of two sources' errors of an input in a month.
     *
     * @param variable the input
     * @param month    the calendar month, 1–12
     * @param sourceA  one source
     * @param sourceB  another source
     * @return ρ, −1 to 1 (1 for a source with itself)
     */
    public double correlation(Variable variable, int month, String sourceA, String sourceB) {
        return correlation[variable.ordinal()][month - 1][sourceIndex(sourceA)][sourceIndex(sourceB)];
    }

    /**
     * The predictive standard deviation of the fused ETo of an estimator in a month with the given sources present,
     * at the month's mean reference ETo; {@code NaN} when the calibration has no model for that set.
     *
     * @param estimator the estimator
     * @param month     the calendar month, 1–12
     * @param present   the sources present
     * @return σ, mm d⁻¹
     */
    public double etoSpread(Estimator estimator, int month, List<String> present) {
        int mask = 0;
        for (String s : present) {
            mask |= 1 << sourceIndex(s);
        }
        Combination c = combination(estimator, month, mask);
        return c == null ? Double.NaN : c.residualSd();
    }

    /**
     * This calibration with other validation figures in its provenance.
     *
     * @param figures the figures
     * @return a new calibration
     */
    public FusionCalibration withValidation(Map<String, Double> figures) {
        return new FusionCalibration(name, provenance.withValidation(figures), domain, sources, scale, bias,
                errorVariance, correlation, etoScale, combinations);
    }

    int sourceIndex(String source) {
        int i = sources.indexOf(source);
        if (i < 0) {
            throw new FusionException(FusionErrorCode.UNKNOWN_SOURCE, source, String.join(", ", sources));
        }
        return i;
    }

    Combination combination(Estimator estimator, int month, int mask) {
        return combinations.get(key(estimator, month, mask));
    }

    static int key(Estimator estimator, int month, int mask) {
        return (estimator.ordinal() * 16 + month) * 1024 + mask;
    }

    /**
     * The correction of one input of one source in one month.
     *
     * @param scale         the factor
     * @param bias          the offset, in the input's unit
     * @param errorVariance the variance of the corrected input's error, in the unit squared
     */
    public record Correction(double scale, double bias, double errorVariance) {
        /**
         * Applies the correction.
         *
         * @param x the raw value
         * @return {@code scale · x + bias}
         */
        public double apply(double x) {
            return scale * x + bias;
        }
    }

    /**
     * The region a calibration applies to: a latitude–longitude box.
     *
     * @param minLatitude  southern edge, degrees
     * @param maxLatitude  northern edge, degrees
     * @param minLongitude western edge, degrees east
     * @param maxLongitude eastern edge, degrees east
     */
    public record Domain(double minLatitude, double maxLatitude, double minLongitude, double maxLongitude) {
        /**
         * Whether a point lies in the box.
         *
         * @param latitude  degrees north
         * @param longitude degrees east
         * @return true inside or on the edge
         */
        public boolean contains(double latitude, double longitude) {
            return latitude >= minLatitude && latitude <= maxLatitude && longitude >= minLongitude
                    && longitude <= maxLongitude;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[%.3f, %.3f] x [%.3f, %.3f]", minLatitude, maxLatitude,
                    minLongitude, maxLongitude);
        }
    }

    // ------------------------------------------------------------------------------------------------------ JSON

    /**
     * The calibration as a JSON document (format {@value #FORMAT}, version {@value #FORMAT_VERSION}).
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        root.put("name", name);
        ObjectNode p = root.putObject("provenance");
        p.put("region", provenance.region());
        p.put("reference", provenance.reference());
        p.put("method", provenance.method());
        p.put("periodStart", provenance.periodStart().toString());
        p.put("periodEnd", provenance.periodEnd().toString());
        p.put("trainingDays", provenance.trainingDays());
        ArrayNode st = p.putArray("stations");
        for (Provenance.CalibrationStation s : provenance.stations()) {
            ObjectNode o = st.addObject();
            o.put("id", s.id());
            o.put("latitude", s.latitudeDegrees());
            o.put("longitude", s.longitudeDegrees());
            o.put("elevation", s.elevationMetres());
        }
        ObjectNode val = p.putObject("validation");
        new TreeMap<>(provenance.validation()).forEach(val::put);
        ObjectNode d = root.putObject("domain");
        d.put("minLatitude", domain.minLatitude());
        d.put("maxLatitude", domain.maxLatitude());
        d.put("minLongitude", domain.minLongitude());
        d.put("maxLongitude", domain.maxLongitude());
        ArrayNode src = root.putArray("sources");
        sources.forEach(src::add);
        ObjectNode corr = root.putObject("corrections");
        for (int s = 0; s < sources.size(); s++) {
            ObjectNode bySource = corr.putObject(sources.get(s));
            for (Variable v : Variable.values()) {
                ObjectNode o = bySource.putObject(v.name());
                array(o.putArray("scale"), scale[s][v.ordinal()]);
                array(o.putArray("bias"), bias[s][v.ordinal()]);
                array(o.putArray("errorVariance"), errorVariance[s][v.ordinal()]);
            }
        }
        ObjectNode rho = root.putObject("correlations");
        for (Variable v : Variable.values()) {
            ArrayNode months = rho.putArray(v.name());
            for (int m = 0; m < 12; m++) {
                ArrayNode matrix = months.addArray();
                for (double[] row : correlation[v.ordinal()][m]) {
                    array(matrix.addArray(), row);
                }
            }
        }
        ObjectNode es = root.putObject("etoScale");
        for (int s = 0; s < sources.size(); s++) {
            array(es.putArray(sources.get(s)), etoScale[s]);
        }
        ArrayNode combos = root.putArray("combinations");
        combinations.values().stream()
                .sorted((a, b) -> Integer.compare(key(a.estimator(), a.month(), a.mask()),
                        key(b.estimator(), b.month(), b.mask())))
                .forEach(c -> {
                    ObjectNode o = combos.addObject();
                    o.put("estimator", c.estimator().name());
                    o.put("month", c.month());
                    ArrayNode present = o.putArray("sources");
                    for (int s = 0; s < sources.size(); s++) {
                        if ((c.mask() & (1 << s)) != 0) {
                            present.add(sources.get(s));
                        }
                    }
                    array(o.putArray("weights"), c.weights());
                    o.put("fusedMean", c.fusedMean());
                    o.put("fusedSd", c.fusedSd());
                    o.put("referenceMean", c.referenceMean());
                    o.put("referenceSd", c.referenceSd());
                    o.put("residualSd", c.residualSd());
                    o.put("spreadSlope", c.spreadSlope());
                    o.put("minimum", c.minimum());
                    o.put("maximum", c.maximum());
                    o.put("days", c.days());
                });
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void array(ArrayNode node, double[] values) {
        for (double x : values) {
            node.add(x);
        }
    }

    /**
     * Reads a calibration written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the calibration
     * @throws FusionException {@link FusionErrorCode#UNSUPPORTED_CALIBRATION_VERSION} for another format version,
     *                         {@link FusionErrorCode#MALFORMED_CALIBRATION} for anything else that is not such a
     *                         document
     */
    public static FusionCalibration fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FusionException(FusionErrorCode.MALFORMED_CALIBRATION, e, "json: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new FusionException(FusionErrorCode.MALFORMED_CALIBRATION, "format");
        }
        JsonNode version = root.path("version");
        if (!version.isInt() || version.asInt() != FORMAT_VERSION) {
            throw new FusionException(FusionErrorCode.UNSUPPORTED_CALIBRATION_VERSION, version.asText(),
                    FORMAT_VERSION);
        }
        try {
            return read(root);
        } catch (FusionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FusionException(FusionErrorCode.MALFORMED_CALIBRATION, e, String.valueOf(e.getMessage()));
        }
    }

    private static FusionCalibration read(JsonNode root) {
        String name = text(root, "name");
        JsonNode p = required(root, "provenance");
        List<Provenance.CalibrationStation> stations = new ArrayList<>();
        for (JsonNode s : required(p, "stations")) {
            stations.add(new Provenance.CalibrationStation(text(s, "id"), number(s, "latitude"),
                    number(s, "longitude"), number(s, "elevation")));
        }
        Map<String, Double> validation = new LinkedHashMap<>();
        p.path("validation").fields().forEachRemaining(e -> validation.put(e.getKey(), e.getValue().asDouble()));
        Provenance provenance;
        try {
            provenance = new Provenance(text(p, "region"), text(p, "reference"), text(p, "method"),
                    LocalDate.parse(text(p, "periodStart")), LocalDate.parse(text(p, "periodEnd")), stations,
                    required(p, "trainingDays").asInt(), validation);
        } catch (DateTimeParseException e) {
            throw new FusionException(FusionErrorCode.MALFORMED_CALIBRATION, e, "provenance.period");
        }
        JsonNode d = required(root, "domain");
        Domain domain = new Domain(number(d, "minLatitude"), number(d, "maxLatitude"), number(d, "minLongitude"),
                number(d, "maxLongitude"));
        List<String> sources = new ArrayList<>();
        required(root, "sources").forEach(s -> sources.add(s.asText()));
        int n = sources.size();
        if (n < 1) {
            throw new FusionException(FusionErrorCode.MALFORMED_CALIBRATION, "sources");
        }
        int nv = Variable.values().length;
        double[][][] scale = new double[n][nv][];
        double[][][] bias = new double[n][nv][];
        double[][][] var = new double[n][nv][];
        JsonNode corr = required(root, "corrections");
        for (int s = 0; s < n; s++) {
            JsonNode bySource = required(corr, sources.get(s));
            for (Variable v : Variable.values()) {
                JsonNode o = required(bySource, v.name());
                scale[s][v.ordinal()] = months(o, "scale");
                bias[s][v.ordinal()] = months(o, "bias");
                var[s][v.ordinal()] = months(o, "errorVariance");
            }
        }
        double[][][][] rho = new double[nv][12][n][n];
        JsonNode rhoNode = required(root, "correlations");
        for (Variable v : Variable.values()) {
            JsonNode months = required(rhoNode, v.name());
            for (int m = 0; m < 12; m++) {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        rho[v.ordinal()][m][a][b] = finite(months.path(m).path(a).path(b), "correlations");
                    }
                }
            }
        }
        double[][] etoScale = new double[n][];
        JsonNode es = required(root, "etoScale");
        for (int s = 0; s < n; s++) {
            etoScale[s] = months(es, sources.get(s));
        }
        Map<Integer, Combination> combos = new HashMap<>();
        for (JsonNode c : required(root, "combinations")) {
            Estimator e = Estimator.valueOf(text(c, "estimator"));
            int month = required(c, "month").asInt();
            if (month < 1 || month > 12) {
                throw new FusionException(FusionErrorCode.MALFORMED_CALIBRATION, "combinations.month");
            }
            int mask = 0;
            for (JsonNode s : required(c, "sources")) {
                int i = sources.indexOf(s.asText());
                if (i < 0) {
                    throw new FusionException(FusionErrorCode.MALFORMED_CALIBRATION, "combinations.sources");
                }
                mask |= 1 << i;
            }
            JsonNode w = required(c, "weights");
            double[] weights = new double[w.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = finite(w.get(i), "weights");
            }
            combos.put(key(e, month, mask), new Combination(e, month, mask, weights, number(c, "fusedMean"),
                    number(c, "fusedSd"), number(c, "referenceMean"), number(c, "referenceSd"),
                    number(c, "residualSd"), number(c, "spreadSlope"), number(c, "minimum"),
                    number(c, "maximum"), required(c, "days").asInt()));
        }
        return new FusionCalibration(name, provenance, domain, sources, scale, bias, var, rho, etoScale, combos);
    }

    private static JsonNode required(JsonNode node, String member) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            throw new FusionException(FusionErrorCode.MALFORMED_CALIBRATION, member);
        }
        return v;
    }

    private static String text(JsonNode node, String member) {
        return required(node, member).asText();
    }

    private static double number(JsonNode node, String member) {
        return finite(required(node, member), member);
    }

    private static double finite(JsonNode node, String member) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new FusionException(FusionErrorCode.MALFORMED_CALIBRATION, member);
        }
        return node.asDouble();
    }

    private static double[] months(JsonNode node, String member) {
        JsonNode a = required(node, member);
        if (!a.isArray() || a.size() != 12) {
            throw new FusionException(FusionErrorCode.MALFORMED_CALIBRATION, member);
        }
        double[] out = new double[12];
        for (int m = 0; m < 12; m++) {
            out[m] = finite(a.get(m), member);
        }
        return out;
    }

    @Override
    public String toString() {
        return "FusionCalibration[" + name + ", sources " + sources + ", " + provenance.stations().size()
                + " stations, " + provenance.periodStart() + "–" + provenance.periodEnd() + "]";
    }
}
