package io.leverxc.data;

import java.nio.file.Path;

/**
 * An input file that does not follow its documented format. The message names the file, the
 * 1-based line (0 when the problem concerns the whole file), what was expected and what was found.
 */
public class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;

  public DataFormatException(Path file, long line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public DataFormatException(Path file, long line, String problem, Throwable cause) {
    this(file, line, problem);
    initCause(cause);
  }

  /** The file that failed to parse. */
  public Path file() {
    return file;
  }

  /** The 1-based line number, or 0 when the problem is not tied to one line. */
  public long line() {
    return line;
  }
}
