package org.tollgate.data;

/**
 * Bad input a user can fix: names the file, and where known the row (1-based data row, header not
 * counted, or physical line for NDJSON) and the column. The CLI maps it to exit code 2 and prints
 * {@link #getMessage()} without a stack trace.
 */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long row;
  private final String column;
  private final String problem;
  private final boolean line;

  /**
   * @param file the file's path as the user gave it (may be null for settings with no file)
   * @param row 1-based row or line, or 0 when the problem is not tied to one row
   * @param column the column name, or null
   * @param problem what is wrong, in words a user can act on
   */
  public BadInputException(String file, long row, String column, String problem) {
    this(file, row, column, problem, false);
  }

  private BadInputException(String file, long row, String column, String problem, boolean line) {
    super(format(file, row, line ? "line " : "row ", column, problem));
    this.file = file;
    this.row = row;
    this.column = column;
    this.problem = problem;
    this.line = line;
  }

  /**
   * A problem tied to a physical line of the file rather than a data row: an NDJSON line (1-based,
   * blank lines counted) or a CSV line that cannot be split into fields. The message reads
   * "FILE: line N, column 'C': problem".
   *
   * @param line 1-based physical line, or 0 when not known
   * @param column the column or field path, or null
   */
  public static BadInputException atLine(String file, long line, String column, String problem) {
    return new BadInputException(file, line, column, problem, true);
  }

  public BadInputException(String file, String problem) {
    this(file, 0, null, problem);
  }

  public String file() {
    return file;
  }

  public long row() {
    return row;
  }

  public String column() {
    return column;
  }

  public String problem() {
    return problem;
  }

  /** True when {@link #row()} is a physical line number (see {@link #atLine}). */
  public boolean isLine() {
    return line;
  }

  private static String format(String file, long row, String unit, String column, String problem) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
    }
    if (row > 0) {
      sb.append(sb.length() > 0 ? ": " : "").append(unit).append(row);
    }
    if (column != null) {
      sb.append(sb.length() > 0 ? (row > 0 ? ", " : ": ") : "").append("column '").append(column).append('\'');
    }
    if (sb.length() > 0) {
      sb.append(": ");
    }
    return sb.append(problem).toString();
  }
}
