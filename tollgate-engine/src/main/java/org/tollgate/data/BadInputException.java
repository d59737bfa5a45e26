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

  /**
   * @param file the file's path as the user gave it (may be null for settings with no file)
   * @param row 1-based row or line, or 0 when the problem is not tied to one row
   * @param column the column name, or null
   * @param problem what is wrong, in words a user can act on
   */
  public BadInputException(String file, long row, String column, String problem) {
    super(format(file, row, column, problem));
    this.file = file;
    this.row = row;
    this.column = column;
    this.problem = problem;
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

  private static String format(String file, long row, String column, String problem) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
    }
    if (row > 0) {
      sb.append(sb.length() > 0 ? ": " : "").append("row ").append(row);
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
