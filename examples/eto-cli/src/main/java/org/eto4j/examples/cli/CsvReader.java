package org.eto4j.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;

/**
 * Streams RFC 4180 CSV records one at a time, so files of millions of rows run in bounded memory.
 *
 * <p>Accepts {@code ,} or {@code ;} as the separator (chosen from the header line), double-quoted cells
 * with doubled quotes inside, CRLF or LF line ends, a leading UTF-8 byte-order mark, and skips blank lines.
 * Row indices reported in errors are zero-based data-row indices (the header is not a row).
 */
final class CsvReader implements AutoCloseable {
    private final BufferedReader in;
    private char separator = ',';
    private int dataRow = -1;

    CsvReader(Reader reader) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    }

    /** Reads the header line, or fails with {@link ErrorCode#EMPTY_INPUT} when there is none. */
    List<String> header() {
        String line = nextNonBlankLine();
        if (line == null) {
            throw new EtoException(ErrorCode.EMPTY_INPUT, null, -1);
        }
        if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1);
        }
        separator = line.indexOf(';') >= 0 && line.indexOf(',') < 0 ? ';' : ',';
        return split(line);
    }

    /** The next record's cells, or {@code null} at the end of input. */
    List<String> next() {
        String line = nextNonBlankLine();
        if (line == null) {
            return null;
        }
        dataRow++;
        return split(line);
    }

    /** Zero-based index of the record last returned by {@link #next()}. */
    int row() {
        return dataRow;
    }

    private String nextNonBlankLine() {
        try {
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.isBlank());
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; ; i++) {
            if (i == line.length()) {
                if (!quoted) {
                    break;
                }
                // A quoted cell may span lines.
                String more = readContinuation();
                if (more == null) {
                    break;
                }
                cell.append('\n');
                line = more;
                i = -1;
                continue;
            }
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    private String readContinuation() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
