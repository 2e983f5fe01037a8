package io.leverxc.eval;

import io.leverxc.data.DataFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Streams a prediction file in the XC sparse format with scores: a header {@code num_rows num_labels},
 * then one line per document of space-separated {@code label:score} pairs in any order (an empty
 * line is a document without predictions). Plain or gzip-compressed.
 *
 * <p>The reader parses ASCII bytes directly instead of decoding characters, because evaluating a
 * million documents of 100 predictions each means parsing about 1.5 GB. Scores are parsed to
 * {@code double} exactly as {@link Double#parseDouble} would. Only the current row is held in
 * memory. Not thread-safe.
 */
public final class PredictionReader implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 20;
  private static final int INITIAL_ROW_CAPACITY = 128;
  private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  /** Powers of ten that a double represents exactly, for the fast path of {@link #parseScore}. */
  private static final double[] EXACT_POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /** Mantissas up to 2^53 are exact in a double, so the fast path applies only below this. */
  private static final long MAX_EXACT_MANTISSA = 1L << 53;

  private final Path file;
  private final InputStream input;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int bufferPosition;
  private int bufferLimit;
  private byte[] line = new byte[1024];
  private int lineLength;
  private long lineNumber;

  private final int documents;
  private final int labelCount;
  private int rowsRead;
  private int[] labels = new int[INITIAL_ROW_CAPACITY];
  private double[] scores = new double[INITIAL_ROW_CAPACITY];
  private int rowSize;
  /**
   * For each label, the last row that listed it plus one: finds a repeated label in O(1). It is
   * allocated at the first row, so that a caller can reject a header's label count before it is.
   */
  private int[] lastRowOfLabel;

  private PredictionReader(Path file, InputStream input) throws IOException {
    this.file = file;
    this.input = input;
    if (!readLine()) {
      throw new DataFormatException(file, 1, "empty file; expected a header 'num_rows num_labels'");
    }
    // A UTF-8 byte order mark, which some editors write, is skipped as the other readers skip it.
    int start = startsWithByteOrderMark() ? UTF8_BYTE_ORDER_MARK.length : 0;
    String header = new String(line, start, lineLength - start, StandardCharsets.ISO_8859_1).trim();
    String[] parts = header.split("\\s+");
    if (parts.length != 2) {
      throw new DataFormatException(file, 1, "expected header 'num_rows num_labels', found '" + header + "'");
    }
    this.documents = parseCount(parts[0], "num_rows");
    this.labelCount = parseCount(parts[1], "num_labels");
  }

  /**
   * Opens a prediction file and reads its header.
   *
   * @throws DataFormatException if the file is missing, unreadable or has a malformed header
   */
  public static PredictionReader open(Path file) {
    InputStream input = null;
    try {
      input = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
      input.mark(2);
      int first = input.read();
      int second = input.read();
      input.reset();
      if (first == 0x1f && second == 0x8b) {
        input = new GZIPInputStream(input, BUFFER_BYTES);
      }
      return new PredictionReader(file, input);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, "missing file", e);
    } catch (IOException e) {
      closeQuietly(input);
      throw new DataFormatException(file, 0, "cannot read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(input);
      throw e;
    }
  }

  private boolean startsWithByteOrderMark() {
    return lineLength >= UTF8_BYTE_ORDER_MARK.length
        && line[0] == UTF8_BYTE_ORDER_MARK[0]
        && line[1] == UTF8_BYTE_ORDER_MARK[1]
        && line[2] == UTF8_BYTE_ORDER_MARK[2];
  }

  private static void closeQuietly(InputStream input) {
    if (input != null) {
      try {
        input.close();
      } catch (IOException suppressed) {
        // The first failure is the one to report.
      }
    }
  }

  private int parseCount(String text, String field) {
    try {
      int value = Integer.parseInt(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the field name.
    }
    throw new DataFormatException(file, 1, "header field " + field + ": expected a non-negative integer, found '" + text + "'");
  }

  /** Number of documents the header declares. */
  public int documents() {
    return documents;
  }

  /** Size of the label space the header declares. */
  public int labelCount() {
    return labelCount;
  }

  public Path file() {
    return file;
  }

  /**
   * Reads the next document's predictions into {@link #labels()} and {@link #scores()}.
   *
   * @return false once every row the header declares has been read and only blank lines remain
   * @throws DataFormatException naming the line for a malformed pair, a label out of range, a
   *     repeated label, a score that is not a finite number, or a row count other than the header's
   */
  public boolean next() {
    if (lastRowOfLabel == null) {
      lastRowOfLabel = new int[labelCount];
    }
    try {
      if (!readLine()) {
        if (rowsRead < documents) {
          throw new DataFormatException(
              file, lineNumber, "the header declares " + documents + " rows but the file ends after " + rowsRead);
        }
        return false;
      }
      if (rowsRead == documents) {
        if (isBlank()) {
          return next();
        }
        throw new DataFormatException(
            file, lineNumber, "more rows than the header's " + documents + "; expected end of file");
      }
      parseRow();
      rowsRead++;
      return true;
    } catch (IOException e) {
      throw DataFormatException.readFailure(file, lineNumber + 1, e);
    }
  }

  /** 0-based index of the row last read by {@link #next()}. */
  public int document() {
    return rowsRead - 1;
  }

  /** 1-based line number of the row last read. */
  public long lineNumber() {
    return lineNumber;
  }

  /** Labels of the current row, valid up to {@link #size()}; the array is reused by the next row. */
  public int[] labels() {
    return labels;
  }

  /** Scores of the current row, valid up to {@link #size()}; the array is reused by the next row. */
  public double[] scores() {
    return scores;
  }

  /** Number of predictions on the current row. */
  public int size() {
    return rowSize;
  }

  private boolean isBlank() {
    for (int i = 0; i < lineLength; i++) {
      if (!isSpace(line[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }

  private void parseRow() {
    rowSize = 0;
    int stamp = rowsRead + 1;
    int position = 0;
    while (true) {
      while (position < lineLength && isSpace(line[position])) {
        position++;
      }
      if (position >= lineLength) {
        return;
      }
      int tokenStart = position;
      int label = 0;
      int digits = 0;
      while (position < lineLength && line[position] >= '0' && line[position] <= '9') {
        if (label > (Integer.MAX_VALUE - 9) / 10) {
          throw error(tokenStart, "label id too large");
        }
        label = label * 10 + (line[position] - '0');
        position++;
        digits++;
      }
      if (digits == 0 || position >= lineLength || line[position] != ':') {
        throw error(tokenStart, "expected 'label:score' with a non-negative integer label id");
      }
      if (label >= labelCount) {
        throw error(tokenStart, "label id " + label + " out of range; the header declares "
            + labelCount + " labels (ids 0 to " + (labelCount - 1) + ")");
      }
      if (lastRowOfLabel[label] == stamp) {
        throw error(tokenStart, "label " + label + " appears twice on this line; each label may appear once");
      }
      lastRowOfLabel[label] = stamp;
      position++;
      int scoreStart = position;
      while (position < lineLength && !isSpace(line[position])) {
        position++;
      }
      double score = parseScore(scoreStart, position);
      if (rowSize == labels.length) {
        labels = Arrays.copyOf(labels, rowSize * 2);
        scores = Arrays.copyOf(scores, rowSize * 2);
      }
      labels[rowSize] = label;
      scores[rowSize] = score;
      rowSize++;
    }
  }

  /**
   * Parses a score. Plain decimals with at most 15 significant digits and a small exponent take a
   * fast path that is exact: the mantissa and the power of ten are both exact doubles, so one
   * division or multiplication rounds correctly. Everything else goes to {@link Double#parseDouble}.
   */
  private double parseScore(int start, int end) {
    int position = start;
    boolean negative = false;
    if (position < end && (line[position] == '-' || line[position] == '+')) {
      negative = line[position] == '-';
      position++;
    }

    long mantissa = 0;
    int significantDigits = 0;
    int digits = 0;
    int fractionDigits = 0;
    boolean fastPath = true;
    boolean inFraction = false;
    for (; position < end; position++) {
      byte b = line[position];
      if (b >= '0' && b <= '9') {
        digits++;
        if (mantissa != 0 || b != '0') {
          significantDigits++;
        }
        if (significantDigits > 15) {
          fastPath = false;
          break;
        }
        mantissa = mantissa * 10 + (b - '0');
        if (inFraction) {
          fractionDigits++;
        }
      } else if (b == '.' && !inFraction) {
        inFraction = true;
      } else {
        fastPath = false;
        break;
      }
    }

    if (fastPath && digits > 0 && fractionDigits < EXACT_POWERS_OF_TEN.length && mantissa < MAX_EXACT_MANTISSA) {
      double value = mantissa / EXACT_POWERS_OF_TEN[fractionDigits];
      return negative ? -value : value;
    }
    return parseScoreSlowly(start, end);
  }

  private double parseScoreSlowly(int start, int end) {
    String text = new String(line, start, end - start, StandardCharsets.ISO_8859_1);
    try {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value) && !text.endsWith("d") && !text.endsWith("D") && !text.endsWith("f")
          && !text.endsWith("F")) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the position.
    }
    throw error(start, "score: expected a finite number, found '" + text + "'");
  }

  private DataFormatException error(int column, String problem) {
    return new DataFormatException(file, lineNumber, column + 1, problem);
  }

  /** Reads the next line into {@link #line} without its terminator; returns false at end of input. */
  private boolean readLine() throws IOException {
    lineLength = 0;
    boolean any = false;
    while (true) {
      if (bufferPosition == bufferLimit) {
        bufferLimit = input.read(buffer, 0, buffer.length);
        bufferPosition = 0;
        if (bufferLimit <= 0) {
          bufferLimit = 0;
          if (any) {
            lineNumber++;
          }
          return any;
        }
      }
      any = true;
      int newline = -1;
      for (int i = bufferPosition; i < bufferLimit; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? bufferLimit : newline;
      int chunk = end - bufferPosition;
      if (lineLength + chunk > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + chunk));
      }
      System.arraycopy(buffer, bufferPosition, line, lineLength, chunk);
      lineLength += chunk;
      if (newline >= 0) {
        bufferPosition = newline + 1;
        lineNumber++;
        return true;
      }
      bufferPosition = bufferLimit;
    }
  }

  @Override
  public void close() {
    try {
      input.close();
    } catch (IOException e) {
      throw new DataFormatException(file, 0, "close failed: " + e.getMessage(), e);
    }
  }
}
