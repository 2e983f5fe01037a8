package io.leverxc.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads UTF-8 lines from a plain or gzip file and reports bad input at its exact line.
 *
 * <p>Each line is decoded on its own, so invalid UTF-8 is reported with its line and byte column
 * rather than at the position where a block decoder happened to fail. Lines end at {@code \n}; a
 * {@code \r} before it is dropped, and so is a UTF-8 byte order mark at the start of the file.
 */
final class LineReader implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  private final Path file;
  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int bufferStart;
  private int bufferEnd;
  private byte[] line = new byte[256];
  private long lineNumber;
  private boolean endOfFile;
  private boolean lastLineTerminated;

  private LineReader(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  /**
   * Opens {@code file}, decompressing it when it starts with the gzip magic bytes.
   *
   * @throws DataFormatException if the file is missing, unreadable or has a damaged gzip header
   */
  static LineReader open(Path file) {
    return new LineReader(file, XcFiles.openDecompressed(file));
  }

  Path file() {
    return file;
  }

  /** 1-based number of the line last returned, or 0 before the first. */
  long lineNumber() {
    return lineNumber;
  }

  /** Returns true if the last line returned ended with a newline, so an empty line may follow it. */
  boolean lastLineTerminated() {
    return lastLineTerminated;
  }

  /**
   * Returns the next line without its terminator, or null at the end of the file.
   *
   * @throws DataFormatException for invalid UTF-8, damaged or truncated gzip data, or a read failure
   */
  String next() {
    if (endOfFile) {
      return null;
    }
    int length = 0;
    boolean terminated = false;
    try {
      while (true) {
        if (bufferStart == bufferEnd && !refill()) {
          break;
        }
        int newline = indexOfNewline();
        int end = newline < 0 ? bufferEnd : newline;
        length = append(length, end - bufferStart);
        bufferStart = end;
        if (newline >= 0) {
          bufferStart++;
          terminated = true;
          break;
        }
      }
    } catch (IOException e) {
      throw readFailure(lineNumber + 1, e);
    }

    if (!terminated && length == 0) {
      endOfFile = true;
      return null;
    }

    lineNumber++;
    lastLineTerminated = terminated;
    if (!terminated) {
      endOfFile = true;
    }

    int offset = 0;
    if (lineNumber == 1 && startsWithByteOrderMark(length)) {
      offset = BYTE_ORDER_MARK.length;
    }
    if (length > offset && line[length - 1] == '\r') {
      length--;
    }
    return decode(offset, length);
  }

  private int indexOfNewline() {
    for (int i = bufferStart; i < bufferEnd; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  // NOTE: a line is held in memory whole, so a huge file without newlines needs as much heap as its size.
  private int append(int length, int count) {
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
    }
    System.arraycopy(buffer, bufferStart, line, length, count);
    return length + count;
  }

  private boolean refill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return false;
    }
    bufferStart = 0;
    bufferEnd = read;
    return true;
  }

  private boolean startsWithByteOrderMark(int length) {
    return length >= BYTE_ORDER_MARK.length
        && line[0] == BYTE_ORDER_MARK[0]
        && line[1] == BYTE_ORDER_MARK[1]
        && line[2] == BYTE_ORDER_MARK[2];
  }

  private String decode(int offset, int length) {
    boolean ascii = true;
    for (int i = offset; i < length && ascii; i++) {
      ascii = line[i] >= 0;
    }
    if (ascii) {
      return new String(line, offset, length - offset, StandardCharsets.US_ASCII);
    }
    ByteBuffer bytes = ByteBuffer.wrap(line, offset, length - offset);
    CharBuffer chars = CharBuffer.allocate(length - offset);
    decoder.reset();
    CoderResult result = decoder.decode(bytes, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      int column = bytes.position() - offset + 1;
      int invalidBytes = Math.min(result.length(), length - bytes.position());
      throw new DataFormatException(file, lineNumber, column, "invalid UTF-8: byte sequence "
          + hex(bytes.position(), Math.max(1, invalidBytes)) + " at byte column " + column
          + "; expected UTF-8 text, so convert the file to UTF-8 (for example with iconv)");
    }
    chars.flip();
    return chars.toString();
  }

  private String hex(int from, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < from + count && i < line.length; i++) {
      text.append(String.format("%02x", line[i] & 0xff));
    }
    return text.toString();
  }

  /** Turns an I/O failure into an error that names the file, the line and the likely cause. */
  DataFormatException readFailure(long atLine, IOException e) {
    return DataFormatException.readFailure(file, atLine, e);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new DataFormatException(file, 0, "close failed: " + e.getMessage(), e);
    }
  }
}
