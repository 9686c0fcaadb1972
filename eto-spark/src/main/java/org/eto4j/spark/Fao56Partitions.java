package org.eto4j.spark;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.columnar.DefaultCachedBatchSerializer;
import org.apache.spark.sql.execution.columnar.InMemoryRelation;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;
import org.eto4j.core.BatchResult;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.core.Intermediates;
import org.eto4j.core.Station;

/**
 * The partition path of {@link EtoSpark#fao56Daily}: copies blocks of {@link #BLOCK_ROWS} rows into primitive
 * columns, runs {@link Fao56#dailyBatch} on them and appends ETo, flags and error code to each row. Planned on the
 * driver (column ordinals and types resolved once), run on the executors.
 *
 * <p>Two inputs: Spark's internal rows (this class, any plan), and, when the input's plan only reads column batches
 * (Parquet's vectorized reader, an in-memory cache of numeric and DATE columns), those batches
 * ({@link #columnar()}): their vectors are read straight into the primitive columns and the results are three
 * more vectors beside the input's, so no row is built or copied on the way in; each output row is a view of one
 * position of the batch. Both give the same bits: the same values reach the same kernel.
 */
final class Fao56Partitions implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;

    /**
     * Rows per batch call: 4,096 rows of 16 columns (≈ 0.5 MB) stay in the L2 cache, the batch's SIMD kernel
     * engages from 4,096 rows, and the per-call set-up (a day-of-year table) is negligible beside them.
     */
    static final int BLOCK_ROWS = 4096;

    private static final int INPUTS = ColumnMapping.Input.values().length;

    // How a numeric column is read from an InternalRow: by its physical type, so no cast is planned.
    private static final byte DOUBLE = 0;
    private static final byte FLOAT = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte SHORT = 4;
    private static final byte BYTE = 5;
    private static final byte DECIMAL = 6;

    private final StructType inputSchema;
    private final StructType outputSchema;
    private final int[] ordinals = new int[INPUTS];
    private final byte[] kinds = new byte[INPUTS];
    private final int[] decimalPrecision = new int[INPUTS];
    private final int[] decimalScale = new int[INPUTS];
    private final int dayOrdinal;
    private final boolean dayFromDate;
    private final int[] keyOrdinals;
    private final String[] keyNames;
    private final double latitude;
    private final double elevation;
    private final double windHeight;
    private final Fao56Supplier calculator;
    private final int[] variableLengthOrdinals;
    /** Intermediate columns appended after the error column: 0, or one per {@link ColumnMapping#INTERMEDIATES}. */
    private final int intermediates;

    Fao56Partitions(StructType schema, ColumnMapping mapping, Fao56Supplier calculator) {
        this.inputSchema = schema;
        this.calculator = calculator;
        Arrays.fill(ordinals, -1);
        for (Map.Entry<ColumnMapping.Input, String> e : mapping.inputs().entrySet()) {
            int i = e.getKey().ordinal();
            int ordinal = ordinal(schema, e.getValue());
            DataType type = schema.fields()[ordinal].dataType();
            ordinals[i] = ordinal;
            kinds[i] = kind(e.getKey().field, e.getValue(), type);
            if (type instanceof DecimalType d) {
                decimalPrecision[i] = d.precision();
                decimalScale[i] = d.scale();
            }
        }
        String dayColumn = mapping.dateColumn().orElseGet(() -> mapping.dayOfYearColumn().orElseThrow());
        dayOrdinal = ordinal(schema, dayColumn);
        DataType dayType = schema.fields()[dayOrdinal].dataType();
        dayFromDate = mapping.dateColumn().isPresent();
        if (dayFromDate ? !(dayType instanceof DateType) : !(dayType instanceof IntegerType
                || dayType instanceof ShortType || dayType instanceof ByteType)) {
            String option = dayFromDate ? "date" : "dayOfYear";
            throw new EtoException(ErrorCode.INVALID_OPTION, option, -1, option, dayColumn + ": "
                    + dayType.simpleString(), dayFromDate ? "DATE" : "INT");
        }
        List<String> keys = mapping.keyColumns();
        keyNames = keys.toArray(new String[0]);
        keyOrdinals = new int[keyNames.length];
        for (int k = 0; k < keyNames.length; k++) {
            keyOrdinals[k] = ordinal(schema, keyNames[k]);
        }
        latitude = mapping.latitudeDegrees().orElse(0.0);
        elevation = mapping.elevationMetres().orElse(0.0);
        windHeight = mapping.windHeightMetres();
        for (String out : List.of(mapping.etoColumn(), mapping.flagsColumn(), mapping.errorColumn())) {
            if (Arrays.asList(schema.fieldNames()).contains(out)) {
                throw new EtoException(ErrorCode.INVALID_OPTION, "etoColumn", -1, "etoColumn", out,
                        "a name not already in the input");
            }
        }
        for (String out : mapping.intermediateColumns()) {
            if (Arrays.asList(schema.fieldNames()).contains(out)) {
                throw new EtoException(ErrorCode.INVALID_OPTION, "intermediates", -1, "intermediates", out,
                        "a name not already in the input");
            }
        }
        intermediates = mapping.intermediateColumns().size();
        variableLengthOrdinals = java.util.stream.IntStream.range(0, schema.size())
                .filter(i -> !UnsafeRow.isFixedLength(schema.fields()[i].dataType()))
                .toArray();
        StructType out = schema
                .add(mapping.etoColumn(), DataTypes.DoubleType, false)
                .add(mapping.flagsColumn(), DataTypes.LongType, false)
                .add(mapping.errorColumn(), DataTypes.StringType, true);
        for (String name : mapping.intermediateColumns()) {
            out = out.add(name, DataTypes.DoubleType, false);
        }
        outputSchema = out;
    }

    StructType outputSchema() {
        return outputSchema;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        return new Blocks(rows, calculator.get());
    }

    /**
     * The partition function over column batches: for the batches {@link #columnarInput} found.
     *
     * @return the function; its rows are views of the batches, valid until the next row is asked for
     */
    FlatMapFunction<Iterator<ColumnarBatch>, InternalRow> columnar() {
        if (intermediates > 0) {
            // Its output batches hold three result vectors; intermediates take the row path (EtoSpark decides).
            throw new IllegalStateException("intermediates are computed on the row path");
        }
        return new ColumnarFunction();
    }

    /**
     * The column batches of an input whose executed plan only reads them: a columnar scan under a conversion to
     * rows (Parquet's vectorized reader), a plan that is columnar itself (an in-memory cache of primitive columns),
     * or an in-memory cache read as rows whose columns are all primitive or DATE (Spark's cache gives batches only
     * for primitive columns, though it stores DATE as INT: its own decoder gives them as batches too).
     *
     * @param plan   the input's executed plan
     * @param schema the input's schema
     * @return the batches, in the plan's partitions, or null when the plan does anything else (the row path runs)
     */
    static RDD<ColumnarBatch> columnarInput(SparkPlan plan, StructType schema) {
        SparkPlan p = plan;
        while (p instanceof WholeStageCodegenExec || p instanceof InputAdapter) {
            p = p instanceof WholeStageCodegenExec w ? w.child() : ((InputAdapter) p).child();
        }
        SparkPlan scan = p;
        if (p instanceof ColumnarToRowExec toRows) {
            scan = toRows.child();
            while (scan instanceof InputAdapter a) {
                scan = a.child();
            }
        }
        if (!sameColumns(scan.schema(), schema)) {
            return null;
        }
        if (scan.supportsColumnar()) {
            return scan.executeColumnar();
        }
        if (scan instanceof InMemoryTableScanExec cache && cache.predicates().isEmpty()
                && cache.relation().cacheBuilder().serializer() instanceof DefaultCachedBatchSerializer
                && Arrays.stream(schema.fields()).allMatch(f -> cachedAsPrimitive(f.dataType()))) {
            InMemoryRelation relation = cache.relation();
            return relation.cacheBuilder().serializer().convertCachedBatchToColumnarBatch(
                    relation.cacheBuilder().cachedColumnBuffers(), relation.output(), cache.output(), cache.conf());
        }
        return null;
    }

    private static boolean sameColumns(StructType have, StructType want) {
        if (have.size() != want.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            if (!have.fields()[i].name().equals(want.fields()[i].name())
                    || !have.fields()[i].dataType().equals(want.fields()[i].dataType())) {
                return false;
            }
        }
        return true;
    }

    private static boolean cachedAsPrimitive(DataType type) {
        return type instanceof DoubleType || type instanceof FloatType || type instanceof LongType
                || type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType
                || type instanceof DateType || type instanceof org.apache.spark.sql.types.BooleanType;
    }

    private static int ordinal(StructType schema, String column) {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equals(column)) {
                return i;
            }
        }
        throw new EtoException(ErrorCode.MISSING_COLUMN, column, -1, column);
    }

    private static byte kind(String field, String column, DataType type) {
        if (type instanceof DoubleType) {
            return DOUBLE;
        } else if (type instanceof FloatType) {
            return FLOAT;
        } else if (type instanceof IntegerType) {
            return INT;
        } else if (type instanceof LongType) {
            return LONG;
        } else if (type instanceof ShortType) {
            return SHORT;
        } else if (type instanceof ByteType) {
            return BYTE;
        } else if (type instanceof DecimalType) {
            return DECIMAL;
        }
        throw new EtoException(ErrorCode.INVALID_OPTION, field, -1, field, column + ": " + type.simpleString(),
                "a numeric column");
    }

    /**
     * One partition's calculator and the primitive columns of one block: what both inputs share. A subclass fills
     * {@link #columns} and {@link #dayOfYear} for rows 0..n-1 and calls {@link #compute}.
     */
    private abstract class Block {
        final Fao56 fao56;
        final Station station = Station.of(latitude, elevation).withWindHeightMetres(windHeight);
        final double[][] columns = new double[INPUTS][];
        final int[] dayOfYear = new int[BLOCK_ROWS];
        final double[] eto = new double[BLOCK_ROWS];
        final long[] flags = new long[BLOCK_ROWS];
        final UTF8String[] errors = new UTF8String[BLOCK_ROWS];
        /** Per intermediate, per block row: filled only when the mapping asks for intermediates. */
        final double[][] inter = new double[intermediates][BLOCK_ROWS];
        final int[] mapped;
        private final Fao56 scalar;
        private final double[] values = new double[INPUTS];
        private Station rowStation;
        private int lastEpochDay = Integer.MIN_VALUE;
        private int lastDayOfYear;
        long rowsBefore;

        Block(Fao56 fao56) {
            this.fao56 = fao56;
            this.scalar = intermediates > 0 ? fao56.toBuilder().intermediates(true).build() : null;
            Arrays.fill(values, Double.NaN);  // unmapped inputs stay absent; mapped ones are set per row
            for (int i = 0; i < INPUTS; i++) {
                if (ordinals[i] >= 0) {
                    columns[i] = new double[BLOCK_ROWS];
                }
            }
            mapped = java.util.stream.IntStream.range(0, INPUTS).filter(i -> ordinals[i] >= 0).toArray();
        }

        /** The day of year of a DATE (days since 1970-01-01); consecutive rows mostly share it. */
        final int dayOfYearOfEpochDay(int epochDay) {
            if (epochDay != lastEpochDay) {
                lastEpochDay = epochDay;
                lastDayOfYear = LocalDate.ofEpochDay(epochDay).getDayOfYear();
            }
            return lastDayOfYear;
        }

        /** The input row of block row {@code row}, for the key of a failed row. */
        abstract InternalRow row(int row);

        final void compute(int n) {
            DailyColumns batch = DailyColumns.builder(n, dayOfYear)
                    .tmax(column(ColumnMapping.Input.TMAX))
                    .tmin(column(ColumnMapping.Input.TMIN))
                    .tmean(column(ColumnMapping.Input.TMEAN))
                    .rhMax(column(ColumnMapping.Input.RH_MAX))
                    .rhMin(column(ColumnMapping.Input.RH_MIN))
                    .rhMean(column(ColumnMapping.Input.RH_MEAN))
                    .tdew(column(ColumnMapping.Input.TDEW))
                    .ea(column(ColumnMapping.Input.EA))
                    .windSpeed(column(ColumnMapping.Input.WIND_SPEED))
                    .u2(column(ColumnMapping.Input.U2))
                    .rs(column(ColumnMapping.Input.RS))
                    .sunshineHours(column(ColumnMapping.Input.SUNSHINE_HOURS))
                    .latitudeDegrees(column(ColumnMapping.Input.LATITUDE))
                    .elevationMetres(column(ColumnMapping.Input.ELEVATION))
                    .build();
            Arrays.fill(errors, 0, n, null);
            BatchResult result;
            try {
                result = fao56.dailyBatch(station, batch, eto, flags);
            } catch (EtoException e) {
                throw new EtoSparkException(e, key(e.row().orElse(-1)));
            }
            for (EtoException e : result.errors()) {
                errors[e.row().orElseThrow()] = UTF8String.fromString(e.code().code());
            }
            if (intermediates > 0) {
                intermediates(n);
            }
        }

        /**
         * Fills {@link #inter} from eto-core's scalar method on the values the batch just got: the batch kernel
         * does not return intermediates, and ETo and flags stay the batch's bits.
         */
        private void intermediates(int n) {
            int latitudeColumn = ColumnMapping.Input.LATITUDE.ordinal();
            int elevationColumn = ColumnMapping.Input.ELEVATION.ordinal();
            for (int r = 0; r < n; r++) {
                Intermediates q = null;
                if (errors[r] == null) {  // an invalid row (lenient: strict has thrown) has none
                    for (int c : mapped) {
                        values[c] = columns[c][r];
                    }
                    double lat = columns[latitudeColumn] == null ? latitude : columns[latitudeColumn][r];
                    double z = columns[elevationColumn] == null ? elevation : columns[elevationColumn][r];
                    Station s = rowStation;
                    if (s == null || Double.compare(s.latitudeDegrees(), lat) != 0
                            || Double.compare(s.elevationMetres(), z) != 0) {
                        s = SqlFunctions.site(lat, z).withWindHeightMetres(windHeight);
                        rowStation = s;
                    }
                    DailyWeather weather = SqlFunctions.weather(SqlFunctions.dayOfYear(dayOfYear[r]), values);
                    q = scalar.daily(s, weather).intermediates().orElse(null);
                }
                double[] row = q == null ? null : new double[] {q.ra(), q.rso(), q.rs(), q.rns(), q.rnl(), q.rn(),
                    q.g(), q.delta(), q.gamma(), q.es(), q.ea(), q.u2(), q.pressure()};
                for (int k = 0; k < intermediates; k++) {
                    inter[k][r] = row == null ? Double.NaN : row[k];
                }
            }
        }

        private double[] column(ColumnMapping.Input input) {
            return columns[input.ordinal()];
        }

        private Map<String, String> key(int row) {
            Map<String, String> key = new LinkedHashMap<>();
            if (keyOrdinals.length == 0 || row < 0) {
                TaskContext task = TaskContext.get();
                key.put("partition", String.valueOf(task == null ? -1 : task.partitionId()));
                key.put("row", String.valueOf(row < 0 ? -1 : rowsBefore + row));
                return key;
            }
            InternalRow in = row(row);
            for (int k = 0; k < keyOrdinals.length; k++) {
                DataType type = inputSchema.fields()[keyOrdinals[k]].dataType();
                Object value = in.isNullAt(keyOrdinals[k]) ? null : in.get(keyOrdinals[k], type);
                key.put(keyNames[k], String.valueOf(CatalystTypeConverters.convertToScala(value, type)));
            }
            return key;
        }
    }

    /** The rows of one partition with their results, computed a block at a time. */
    private final class Blocks extends Block implements Iterator<InternalRow> {
        private final Iterator<InternalRow> in;
        private final UnsafeRow[] rows = new UnsafeRow[BLOCK_ROWS];
        private final int[] rowOffsets = new int[BLOCK_ROWS];
        private final int[] rowSizes = new int[BLOCK_ROWS];
        private byte[] arena = new byte[BLOCK_ROWS * 128];
        private UnsafeProjection toUnsafe;
        private final RowAppender appender = new RowAppender();
        private int size;
        private int position;

        Blocks(Iterator<InternalRow> in, Fao56 fao56) {
            super(fao56);
            this.in = in;
            int fields = inputSchema.size();
            for (int r = 0; r < BLOCK_ROWS; r++) {
                rows[r] = new UnsafeRow(fields);
            }
        }

        @Override
        public boolean hasNext() {
            if (position < size) {
                return true;
            }
            if (!in.hasNext()) {
                return false;
            }
            fill();
            return true;
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int i = position++;
            return appender.append(rows[i], eto[i], flags[i], errors[i], inter, i);
        }

        @Override
        InternalRow row(int row) {
            return rows[row];
        }

        private void fill() {
            rowsBefore += size;
            int n = 0;
            int used = 0;
            while (n < BLOCK_ROWS && in.hasNext()) {
                // The scan reuses its row object: its bytes are kept in one arena until the block's results are
                // out (a copy() per row, and for a cached table's column-backed rows a boxed copy, cost ~2x).
                InternalRow next = in.next();
                UnsafeRow row = next instanceof UnsafeRow u ? u : unsafe(next);
                // Read while the row is in the cache: one pass over the block instead of one per column.
                dayOfYear[n] = dayOfYear(row);
                for (int c : mapped) {
                    columns[c][n] = value(row, c);
                }
                int bytes = row.getSizeInBytes();
                if (used + bytes > arena.length) {
                    arena = java.util.Arrays.copyOf(arena, Math.max(arena.length * 2, used + bytes));
                }
                row.writeToMemory(arena, Platform.BYTE_ARRAY_OFFSET + used);
                rowOffsets[n] = used;
                rowSizes[n] = bytes;
                used += bytes;
                n++;
            }
            for (int r = 0; r < n; r++) {
                rows[r].pointTo(arena, Platform.BYTE_ARRAY_OFFSET + rowOffsets[r], rowSizes[r]);
            }
            size = n;
            position = 0;
            compute(n);
        }

        private UnsafeRow unsafe(InternalRow row) {
            if (toUnsafe == null) {
                toUnsafe = UnsafeProjection.create(inputSchema);
            }
            return toUnsafe.apply(row);
        }

        private int dayOfYear(UnsafeRow row) {
            int o = dayOrdinal;
            if (row.isNullAt(o)) {
                return 0;  // eto-core rejects it as day_of_year out of range
            }
            return dayFromDate ? dayOfYearOfEpochDay(row.getInt(o)) : row.getInt(o);
        }

        private double value(UnsafeRow row, int c) {
            int o = ordinals[c];
            if (row.isNullAt(o)) {
                return Double.NaN;
            }
            return switch (kinds[c]) {
                case DOUBLE -> row.getDouble(o);
                case FLOAT -> row.getFloat(o);
                case INT -> row.getInt(o);
                case LONG -> row.getLong(o);
                case SHORT -> row.getShort(o);
                case BYTE -> row.getByte(o);
                default -> row.getDecimal(o, decimalPrecision[c], decimalScale[c]).toDouble();
            };
        }
    }

    /** {@link #columnar()}: serializable with the plan it belongs to. */
    private final class ColumnarFunction implements FlatMapFunction<Iterator<ColumnarBatch>, InternalRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<InternalRow> call(Iterator<ColumnarBatch> batches) {
            return new ColumnarBlocks(batches, calculator.get());
        }
    }

    /**
     * The rows of one partition read as column batches. Each batch's vectors are copied a block at a time into the
     * primitive columns (a tight loop per column, null checks only where the vector has nulls); its results go
     * into three vectors of this iterator, and the output rows are the positions of a batch made of the input's
     * vectors and those three: per row, nothing is copied. The scan reuses its vectors for its next batch, which is
     * only asked for once every row of this one is out.
     */
    private final class ColumnarBlocks extends Block implements Iterator<InternalRow> {
        private final Iterator<ColumnarBatch> in;
        private final int inputFields = inputSchema.size();
        private final OnHeapColumnVector etoVector = new OnHeapColumnVector(BLOCK_ROWS, DataTypes.DoubleType);
        private final OnHeapColumnVector flagsVector = new OnHeapColumnVector(BLOCK_ROWS, DataTypes.LongType);
        private final OnHeapColumnVector errorVector = new OnHeapColumnVector(BLOCK_ROWS, DataTypes.StringType);
        private final ColumnVector[] vectors = new ColumnVector[inputFields + 3];
        private ColumnarBatch input;
        private int blockStart;
        private int capacity = BLOCK_ROWS;
        private Iterator<InternalRow> out = java.util.Collections.emptyIterator();

        ColumnarBlocks(Iterator<ColumnarBatch> in, Fao56 fao56) {
            super(fao56);
            this.in = in;
            vectors[inputFields] = etoVector;
            vectors[inputFields + 1] = flagsVector;
            vectors[inputFields + 2] = errorVector;
        }

        @Override
        public boolean hasNext() {
            while (!out.hasNext()) {
                if (!in.hasNext()) {
                    return false;
                }
                fill(in.next());
            }
            return true;
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return out.next();
        }

        @Override
        InternalRow row(int row) {
            return input.getRow(blockStart + row);
        }

        private void fill(ColumnarBatch batch) {
            input = batch;
            int n = batch.numRows();
            if (n > capacity) {
                // A cache's batches hold 10,000 rows by default: computed in blocks, output as one batch.
                etoVector.reserve(n);
                flagsVector.reserve(n);
                errorVector.reserve(n);
                capacity = n;
            }
            errorVector.reset();  // drops the previous batch's codes and null marks
            for (int start = 0; start < n; start += BLOCK_ROWS) {
                int len = Math.min(BLOCK_ROWS, n - start);
                blockStart = start;
                read(batch, start, len);
                compute(len);
                etoVector.putDoubles(start, len, eto, 0);
                flagsVector.putLongs(start, len, flags, 0);
                for (int r = 0; r < len; r++) {
                    if (errors[r] == null) {
                        errorVector.putNull(start + r);
                    } else {
                        byte[] code = errors[r].getBytes();
                        errorVector.putNotNull(start + r);
                        errorVector.putByteArray(start + r, code, 0, code.length);
                    }
                }
                rowsBefore += len;
            }
            for (int i = 0; i < inputFields; i++) {
                vectors[i] = batch.column(i);
            }
            out = new ColumnarBatch(vectors, n).rowIterator();
        }

        private void read(ColumnarBatch batch, int start, int len) {
            ColumnVector day = batch.column(dayOrdinal);
            DataType dayType = day.dataType();
            for (int r = 0; r < len; r++) {
                int at = start + r;
                if (day.isNullAt(at)) {
                    dayOfYear[r] = 0;  // eto-core rejects it as day_of_year out of range
                } else if (dayFromDate) {
                    dayOfYear[r] = dayOfYearOfEpochDay(day.getInt(at));
                } else {
                    dayOfYear[r] = dayType instanceof IntegerType ? day.getInt(at)
                            : dayType instanceof ShortType ? day.getShort(at) : day.getByte(at);
                }
            }
            for (int c : mapped) {
                ColumnVector v = batch.column(ordinals[c]);
                double[] column = columns[c];
                if (kinds[c] == DOUBLE && !v.hasNull()) {
                    for (int r = 0; r < len; r++) {
                        column[r] = v.getDouble(start + r);
                    }
                } else if (kinds[c] == DOUBLE) {
                    for (int r = 0; r < len; r++) {
                        column[r] = v.isNullAt(start + r) ? Double.NaN : v.getDouble(start + r);
                    }
                } else {
                    for (int r = 0; r < len; r++) {
                        column[r] = value(v, start + r, c);
                    }
                }
            }
        }

        private double value(ColumnVector v, int at, int c) {
            if (v.isNullAt(at)) {
                return Double.NaN;
            }
            return switch (kinds[c]) {
                case DOUBLE -> v.getDouble(at);
                case FLOAT -> v.getFloat(at);
                case INT -> v.getInt(at);
                case LONG -> v.getLong(at);
                case SHORT -> v.getShort(at);
                case BYTE -> v.getByte(at);
                default -> v.getDecimal(at, decimalPrecision[c], decimalScale[c]).toDouble();
            };
        }
    }

    /**
     * Writes an input row with the three result fields (and the intermediates, when asked for) appended, as an
     * {@link UnsafeRow}, by copying the input's bytes in two pieces and moving its variable-length offsets. A
     * generated projection over a joined row, which reads and writes every field through virtual calls, took about
     * half of the partition path's time.
     * The returned row is reused, as Spark's own projections do.
     */
    private final class RowAppender {
        private final int inputFields = inputSchema.size();
        private final int inputBitSet = UnsafeRow.calculateBitSetWidthInBytes(inputFields);
        private final int outputFields = inputFields + 3 + intermediates;
        private final int outputBitSet = UnsafeRow.calculateBitSetWidthInBytes(outputFields);
        private final int inputFixed = inputBitSet + 8 * inputFields;
        private final int outputFixed = outputBitSet + 8 * outputFields;
        // How far the variable-length region moves: the wider bit set and the results' 8-byte slots.
        private final long shift = (long) (outputFixed - inputFixed) << 32;
        private final UnsafeRow out = new UnsafeRow(outputFields);
        private byte[] buffer = new byte[256];

        UnsafeRow append(UnsafeRow in, double eto, long flags, UTF8String error, double[][] inter, int row) {
            int inSize = in.getSizeInBytes();
            int errorBytes = error == null ? 0 : error.numBytes();
            int size = inSize + outputFixed - inputFixed + ((errorBytes + 7) & ~7);
            if (size > buffer.length) {
                buffer = new byte[Math.max(size, buffer.length * 2)];
            }
            Object src = in.getBaseObject();
            long base = in.getBaseOffset();
            long dst = Platform.BYTE_ARRAY_OFFSET;
            Platform.copyMemory(src, base, buffer, dst, inputBitSet);
            for (int word = inputBitSet; word < outputBitSet; word += 8) {
                Platform.putLong(buffer, dst + word, 0L);
            }
            Platform.copyMemory(src, base + inputBitSet, buffer, dst + outputBitSet, 8L * inputFields);
            Platform.copyMemory(src, base + inputFixed, buffer, dst + outputFixed, inSize - inputFixed);
            for (int ordinal : variableLengthOrdinals) {
                long slot = dst + outputBitSet + 8L * ordinal;
                long offsetAndSize = Platform.getLong(buffer, slot);
                if (offsetAndSize != 0) {
                    Platform.putLong(buffer, slot, offsetAndSize + shift);
                }
            }
            long results = dst + outputBitSet + 8L * inputFields;
            Platform.putDouble(buffer, results, eto);
            Platform.putLong(buffer, results + 8, flags);
            for (int k = 0; k < inter.length; k++) {
                Platform.putDouble(buffer, results + 24 + 8L * k, inter[k][row]);
            }
            out.pointTo(buffer, Platform.BYTE_ARRAY_OFFSET, size);
            if (error == null) {
                out.setNullAt(inputFields + 2);
            } else {
                int at = inSize + outputFixed - inputFixed;
                error.writeToMemory(buffer, dst + at);
                for (int pad = at + errorBytes; pad < size; pad++) {
                    buffer[pad] = 0;  // UnsafeRow equality and hashing compare whole words
                }
                Platform.putLong(buffer, results + 16, ((long) at << 32) | errorBytes);
            }
            return out;
        }
    }
}
