package io.leverxc.bundle;

import java.nio.file.Path;

/**
 * A model bundle, or one file in it, that is missing, damaged or written in an unsupported format.
 * The message names the file, what was expected, what was found and what to do about it.
 */
public class BundleFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public BundleFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public BundleFormatException(Path file, String problem, Throwable cause) {
    this(file, problem);
    initCause(cause);
  }

  /** The bundle directory or the file inside it that failed the check. */
  public Path file() {
    return file;
  }
}
