package io.leverxc.data;

import java.nio.file.Path;

/**
 * An input file that does not follow its documented format. The message starts with
 * {@code file:line:column:} as compilers print it, leaving out line and column when they are 0, and
 * then states what was expected and what was found.
 */
public class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;
  private final int column;

  public DataFormatException(Path file, long line, String problem) {
    this(file, line, 0, problem);
  }

  /**
   * Creates an error at one position.
   *
   * @param line 1-based line, or 0 when the problem concerns the whole file
   * @param column 1-based character column within the line (byte column for invalid UTF-8), or 0
   */
  public DataFormatException(Path file, long line, int column, String problem) {
    super(location(file, line, column) + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public DataFormatException(Path file, long line, String problem, Throwable cause) {
    this(file, line, problem);
    initCause(cause);
  }

  /** Formats {@code file:line:column}, leaving out a line or column that is 0. */
  private static String location(Path file, long line, int column) {
    if (line <= 0) {
      return String.valueOf(file);
    }
    if (column <= 0) {
      return file + ":" + line;
    }
    return file + ":" + line + ":" + column;
  }

  /** The file that failed to parse. */
  public Path file() {
    return file;
  }

  /** The 1-based line number, or 0 when the problem is not tied to one line. */
  public long line() {
    return line;
  }

  /** Returns the 1-based column within the line, or 0 when the problem is not tied to one column. */
  public int column() {
    return column;
  }
}
