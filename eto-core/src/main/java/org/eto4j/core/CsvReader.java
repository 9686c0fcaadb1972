package org.eto4j.core;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Streams the records of a CSV text one at a time, by the one set of rules every part of eto4j reads weather
 * files with, so that a file of millions of rows is read in bounded memory and the same file gives the same
 * cells everywhere. Bind the header with {@link WeatherTable#bind} and read the rows with {@link WeatherTable}.
 *
 * <p>The rules (RFC 4180, made lenient where weather files in the wild need it):
 * <ul>
 *   <li><b>Separator</b>: {@code ;} when the header line has a {@code ;} and no {@code ,} (spreadsheets with a
 *       decimal comma), else {@code ,}; chosen once, from the header line as written.</li>
 *   <li><b>Line ends</b>: {@code \r\n}, {@code \n} or a lone {@code \r}, mixed freely. A leading UTF-8
 *       byte-order mark is dropped. Blank lines (nothing but white space, outside quotes) are skipped and are
 *       not rows; the header is the first non-blank line.</li>
 *   <li><b>White space</b> (any character up to U+0020) around a cell is dropped, inside quotes too: a
 *       weather value never starts or ends with a space, so {@code 1, "x,y"} is the two cells {@code 1} and
 *       {@code x,y}, and {@code " 30 "} is {@code 30}.</li>
 *   <li><b>Quotes</b>: a {@code "} that opens a cell (after white space only) quotes it up to the next lone
 *       {@code "}; inside, {@code ""} is one quote, and the separator and line ends are text. A quoted
 *       number is a number: {@code 2020-01-01, "30",20} is three cells {@code 2020-01-01}, {@code 30},
 *       {@code 20}. A quote anywhere else is an ordinary character, and text after a closing quote is kept
 *       ({@code "a"b} is {@code ab}). A quote still open at the end of the text ends there.</li>
 *   <li><b>Line breaks inside quotes</b> read as one {@code \n} each, whichever of {@code \r\n}, {@code \n} or
 *       {@code \r} the file has, so that a file reads the same on every platform.</li>
 *   <li><b>Rows</b> are counted from 0, the header not counted ({@link #row()}), as {@link EtoException#row()}
 *       reports them. Every row is returned, whatever its number of cells: {@link WeatherTable#checkWidth}
 *       judges it ({@link ErrorCode#WRONG_CELL_COUNT}).</li>
 * </ul>
 * A text with no non-blank line has no header: {@link #header()} fails with {@link ErrorCode#EMPTY_INPUT}.
 * Limits (bytes, rows) belong to the caller, which counts the characters it hands over and the
 * {@link #row()}s it gets; the reader itself holds one buffer of the input and the current record.
 *
 * <pre>{@code
 * try (CsvReader csv = CsvReader.of(Files.newBufferedReader(path))) {
 *     WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, csv.header());
 *     List<String> cells;
 *     while ((cells = csv.next()) != null) {
 *         DailyWeather day = table.dailyRow(cells, csv.row());
 *         …
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one reader belongs to one caller. I/O errors of the underlying reader are thrown as
 * {@link UncheckedIOException}.
 */
public final class CsvReader implements AutoCloseable {
    /**
     * The size of the input buffer, in characters; larger only for a header line longer than it. Small enough
     * that a caller refusing a text at its first row over a limit has read little past it.
     */
    private static final int BUFFER_CHARS = 1 << 14;

    /** Receives the cells of one record, in order; see {@link #next(CellSink)}. */
    @FunctionalInterface
    public interface CellSink {
        /**
         * One cell: the characters {@code chars[from, to)}, white space around it already dropped. The
         * sequence is the reader's own buffer, valid only during this call: copy what you keep.
         *
         * @param chars the characters of the current record
         * @param from  the cell's first character
         * @param to    one past the cell's last character
         */
        void cell(CharSequence chars, int from, int to);
    }

    private final Reader in;
    private char[] buf = new char[BUFFER_CHARS];
    private int pos;
    private int lim;
    private boolean eof;

    private char separator = ',';
    private List<String> header;
    private int row = -1;

    /** The current record's characters, cells one after another; cell i is {@code rec[starts[i], ends[i])}. */
    char[] rec = new char[256];
    int[] starts = new int[32];
    int[] ends = new int[32];
    int cells;
    private int recLen;
    private CharBuffer view = CharBuffer.wrap(rec);

    private CsvReader(Reader in) {
        this.in = in;
    }

    /**
     * A reader over {@code reader}, which it reads in blocks of its own (there is no need to buffer it).
     *
     * @param reader the text; closed by {@link #close()}
     * @return a reader positioned before the header
     */
    public static CsvReader of(Reader reader) {
        return new CsvReader(Objects.requireNonNull(reader, "reader"));
    }

    /**
     * The header record, read on the first call (which also decides the separator) and the same list after.
     *
     * @return the header's cells, in file order, immutable
     * @throws EtoException {@link ErrorCode#EMPTY_INPUT} when the text has no non-blank line
     */
    public List<String> header() {
        if (header == null) {
            separator = separatorOfFirstLine();
            if (!readRecord()) {
                throw new EtoException(ErrorCode.EMPTY_INPUT, null, -1);
            }
            header = List.copyOf(cells());
        }
        return header;
    }

    /** The separator in use, {@code ,} or {@code ;}; decided by {@link #header()}. */
    public char separator() {
        return separator;
    }

    /**
     * Reads the next record and returns its cells; the header is read first when it was not yet.
     *
     * @return the cells, or {@code null} at the end of the text
     * @throws EtoException {@link ErrorCode#EMPTY_INPUT} when the header was not yet read and there is none
     */
    public List<String> next() {
        return nextRecord() ? cells() : null;
    }

    /**
     * Reads the next record and hands its cells to {@code sink} without making a string of any, for callers
     * that keep rows in a compact form of their own.
     *
     * @param sink receives the cells in order
     * @return whether there was a record ({@code false} at the end of the text)
     * @throws EtoException {@link ErrorCode#EMPTY_INPUT} when the header was not yet read and there is none
     */
    public boolean next(CellSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (!nextRecord()) {
            return false;
        }
        for (int i = 0; i < cells; i++) {
            sink.cell(view, starts[i], ends[i]);
        }
        return true;
    }

    /**
     * Reads the next record and holds it, for {@link WeatherTable.DailyChunk#add(CsvReader)}, which reads the
     * cells where they lie; {@link #cellCount()} and {@link #cell(int)} give them too.
     *
     * @return whether there was a record ({@code false} at the end of the text)
     * @throws EtoException {@link ErrorCode#EMPTY_INPUT} when the header was not yet read and there is none
     */
    public boolean nextRecord() {
        header();
        if (!readRecord()) {
            cells = 0;
            return false;
        }
        row++;
        return true;
    }

    /**
     * The zero-based index of the record last read, the header not counted; −1 before the first.
     *
     * @return the row index, as errors report it
     */
    public int row() {
        return row;
    }

    /**
     * The number of cells of the record last read.
     *
     * @return the count (0 after the end of the text)
     */
    public int cellCount() {
        return cells;
    }

    /**
     * One cell of the record last read.
     *
     * @param index the cell's position, 0 ≤ index &lt; {@link #cellCount()}
     * @return its text
     * @throws IndexOutOfBoundsException for a position outside the record
     */
    public String cell(int index) {
        Objects.checkIndex(index, cells);
        return new String(rec, starts[index], ends[index] - starts[index]);
    }

    private List<String> cells() {
        List<String> out = new ArrayList<>(cells);
        for (int i = 0; i < cells; i++) {
            out.add(new String(rec, starts[i], ends[i] - starts[i]));
        }
        return out;
    }

    /** Closes the underlying reader. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- reading ----

    /** Reads more input after {@code lim}, keeping {@code buf[pos, lim)}; false at the end of the text. */
    private boolean fill() {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        } else if (lim == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n;
            do {
                n = in.read(buf, lim, buf.length - lim);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            lim += n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops a byte-order mark, finds the first non-blank line and decides the separator from it as written.
     * Blank lines are left for {@link #readRecord()} to skip.
     */
    private char separatorOfFirstLine() {
        if (pos == lim) {
            fill();
        }
        if (pos < lim && buf[pos] == '\uFEFF') {
            pos++;
        }
        int lineStart = pos;
        int i = pos;
        boolean blank = true;
        while (true) {
            if (i == lim) {
                int before = pos;
                boolean more = fill();    // may move buf[pos, lim) to the start of the buffer
                i -= before - pos;
                lineStart -= before - pos;
                if (!more) {
                    break;
                }
            }
            char c = buf[i];
            if (c == '\n' || c == '\r') {
                if (!blank) {
                    break;
                }
                lineStart = i + 1;
            } else if (c > ' ') {
                blank = false;
            }
            i++;
        }
        boolean semicolon = false;
        boolean comma = false;
        for (int k = lineStart; k < i; k++) {
            semicolon |= buf[k] == ';';
            comma |= buf[k] == ',';
        }
        return semicolon && !comma ? ';' : ',';
    }

    /** The next input character, or −1 at the end of the text. */
    private int read() {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    /** Consumes the next character if it is {@code c}. */
    private boolean skipIf(char c) {
        if (pos == lim && !fill()) {
            return false;
        }
        if (buf[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Reads the next non-blank record into {@code rec}; false at the end of the text. */
    private boolean readRecord() {
        final char sep = separator;
        while (true) {
            cells = 0;
            recLen = 0;
            int cellStart = 0;
            boolean cellBlank = true;    // nothing but white space in the cell so far
            boolean content = false;     // a separator or a quote on this line: not a blank line
            boolean quoted = false;
            int c;
            while (true) {
                if (pos < lim) {
                    c = buf[pos++];      // the common case, without a call
                } else {
                    c = read();
                }
                if (c < 0) {
                    if (content || !cellBlank) {
                        endCell(cellStart);
                        return true;
                    }
                    return false;
                }
                if (quoted) {
                    if (c == '"') {
                        if (skipIf('"')) {
                            append('"');
                        } else {
                            quoted = false;
                        }
                    } else if (c == '\r') {
                        skipIf('\n');
                        append('\n');
                    } else {
                        append((char) c);
                    }
                } else if (c == sep) {
                    endCell(cellStart);
                    cellStart = recLen;
                    cellBlank = true;
                    content = true;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r') {
                        skipIf('\n');
                    }
                    if (content || !cellBlank) {
                        endCell(cellStart);
                        return true;
                    }
                    break;               // a blank line: not a record
                } else if (c == '"' && cellBlank) {
                    recLen = cellStart;  // white space before the opening quote is dropped
                    quoted = true;
                    content = true;
                    cellBlank = false;
                } else {
                    // A run of ordinary characters, copied at once: most of a file (bought a third of the time).
                    // The record has room for the rest of the buffer, so the run is copied as it is scanned.
                    ensureRoom(lim - pos + 1);
                    char[] r = rec;
                    int n = recLen;
                    r[n++] = (char) c;
                    boolean blank = c <= ' ';
                    int p = pos;
                    while (p < lim) {
                        char d = buf[p];
                        if (d == sep || d == '\n' || d == '\r' || d == '"') {
                            break;
                        }
                        blank &= d <= ' ';
                        r[n++] = d;
                        p++;
                    }
                    recLen = n;
                    pos = p;
                    cellBlank &= blank;
                }
            }
        }
    }

    /** Makes room for {@code n} more characters in the record. */
    private void ensureRoom(int n) {
        if (recLen + n > rec.length) {
            rec = Arrays.copyOf(rec, Math.max(rec.length * 2, recLen + n));
            view = CharBuffer.wrap(rec);
        }
    }

    private void append(char c) {
        if (recLen == rec.length) {
            rec = Arrays.copyOf(rec, rec.length * 2);
            view = CharBuffer.wrap(rec);
        }
        rec[recLen++] = c;
    }

    /** Ends the cell that started at {@code from}, trimmed of white space. */
    private void endCell(int from) {
        int to = recLen;
        while (from < to && rec[from] <= ' ') {
            from++;
        }
        while (to > from && rec[to - 1] <= ' ') {
            to--;
        }
        if (cells == starts.length) {
            starts = Arrays.copyOf(starts, cells * 2);
            ends = Arrays.copyOf(ends, cells * 2);
        }
        starts[cells] = from;
        ends[cells] = to;
        cells++;
    }
}
