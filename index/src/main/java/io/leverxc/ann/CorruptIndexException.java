package io.leverxc.ann;

/**
 * Serialised index bytes that fail a check: wrong magic, checksum mismatch, unsupported version,
 * settings out of range, a rejected class, or vectors that do not match the ones the index was
 * built on. The message starts with the source (a file name, or "index bytes").
 */
public class CorruptIndexException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CorruptIndexException(String source, String problem) {
    super(source + ": " + problem);
  }

  public CorruptIndexException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
  }
}
