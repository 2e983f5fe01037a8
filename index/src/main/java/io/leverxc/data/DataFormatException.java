package io.leverxc.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.zip.ZipException;

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

  /**
   * Returns an error for a read of {@code file} that failed at {@code atLine}, naming the likely
   * cause: a gzip stream cut short or damaged, or bytes that are not UTF-8.
   */
  public static DataFormatException readFailure(Path file, long atLine, IOException e) {
    if (e instanceof EOFException) {
      return new DataFormatException(file, atLine, "truncated gzip data: the compressed stream ends before its"
          + " end marker, so the file was cut short; download or compress it again", e);
    }
    if (e instanceof ZipException) {
      return new DataFormatException(file, atLine, "corrupt gzip data (" + e.getMessage()
          + "); download or compress the file again", e);
    }
    if (e instanceof CharacterCodingException) {
      return new DataFormatException(file, atLine, "invalid UTF-8; expected UTF-8 text", e);
    }
    return new DataFormatException(file, atLine, "read failed: " + e, e);
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
