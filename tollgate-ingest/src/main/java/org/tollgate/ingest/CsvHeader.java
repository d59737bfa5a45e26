package org.tollgate.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.tollgate.data.BadInputException;

/**
 * The header record of a CSV file, read here rather than by DuckDB's sniffer: the sniffer guesses a
 * dialect from a sample and, on a malformed file, may silently skip rows or report a sampling error
 * with no line number. With the header known, DuckDB reads with a fixed dialect and reports the exact
 * line of any malformed row.
 *
 * <p>Dialect: RFC 4180 quoting ({@code "} quotes, {@code ""} escapes), LF or CRLF line ends, UTF-8
 * with an optional byte-order mark (a UTF-16 file is refused saying so, not read as a header of odd names). The delimiter is the most frequent of {@code , ; TAB |} outside
 * quotes in the header line, comma on a tie or when there is none (a one-column file).
 */
record CsvHeader(List<String> columns, char delimiter) {
  private static final int MAX_HEADER_CHARS = 1 << 20;
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};

  static CsvHeader read(InputSource src) {
    String line = firstRecord(src);
    char delim = delimiter(line);
    List<String> names = split(line, delim);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i).strip();
      if (n.isEmpty()) {
        n = "column" + (i + 1);
      }
      if (!seen.add(n)) {
        throw new BadInputException(src.display, 0, n, "appears twice in the header");
      }
      names.set(i, n);
    }
    return new CsvHeader(List.copyOf(names), delim);
  }

  private static String firstRecord(InputSource src) {
    StringBuilder sb = new StringBuilder();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(src.files.get(0)), 1 << 16);
        InputStream in = src.gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF) {
        throw new BadInputException(src.display, "the file is UTF-16 text (it starts with the byte-order mark "
            + String.format("%02X %02X", b0, b1) + "); save it as UTF-8");
      }
      boolean quoted = false;
      int c;
      while ((c = r.read()) >= 0) {
        if (c == 0) {
          throw new BadInputException(src.display, "the header holds NUL bytes: the file is not UTF-8 text (UTF-16 without a"
              + " byte-order mark?); save it as UTF-8");
        }
        if (sb.length() == 0 && c == '\uFEFF') {
          continue;
        }
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
          if (sb.length() == 0) {
            continue; // leading blank lines
          }
          break;
        }
        sb.append((char) c);
        if (sb.length() > MAX_HEADER_CHARS) {
          throw new BadInputException(src.display, "header line is longer than 1 MiB; is this a CSV file?");
        }
      }
      if (quoted) {
        throw BadInputException.atLine(src.display, 1, null, "header has an unterminated quote");
      }
    } catch (CharacterCodingException e) {
      throw BadInputException.atLine(src.display, 1, null, "not valid UTF-8 text in the header; save the file as UTF-8");
    } catch (IOException e) {
      throw new BadInputException(src.display, "cannot read: " + e.getMessage());
    }
    if (sb.toString().isBlank()) {
      throw new BadInputException(src.display, "empty file: no header and no data rows");
    }
    return sb.toString();
  }

  private static char delimiter(String line) {
    int[] counts = new int[DELIMITERS.length];
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        for (int d = 0; d < DELIMITERS.length; d++) {
          if (c == DELIMITERS[d]) {
            counts[d]++;
          }
        }
      }
    }
    int best = 0;
    for (int d = 1; d < DELIMITERS.length; d++) {
      if (counts[d] > counts[best]) {
        best = d;
      }
    }
    return DELIMITERS[best];
  }

  private static List<String> split(String line, char delim) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == delim) {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
