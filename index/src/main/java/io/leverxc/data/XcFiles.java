package io.leverxc.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opening XC repository files: plain or gzip-compressed UTF-8, found with or without {@code .gz}. */
public final class XcFiles {
  private static final Logger LOG = LoggerFactory.getLogger(XcFiles.class);
  private static final int BUFFER_BYTES = 1 << 16;

  // Files already reported as present in both forms, so a file resolved by several steps warns once.
  private static final Set<Path> REPORTED_TWINS = ConcurrentHashMap.newKeySet();

  private XcFiles() {}

  /**
   * Resolves {@code name} in {@code directory}, accepting {@code name} or {@code name.gz}. When
   * both exist the plain file is read and a warning names both, since the two may differ.
   *
   * @throws DataFormatException naming both candidates if neither exists
   */
  public static Path resolve(Path directory, String name) {
    Path plain = directory.resolve(name);
    if (Files.isRegularFile(plain)) {
      warnIfCompressedTwin(plain);
      return plain;
    }
    Path gzip = directory.resolve(name + ".gz");
    if (Files.isRegularFile(gzip)) {
      return gzip;
    }
    throw new DataFormatException(plain, 0, "missing file: neither " + plain + " nor " + gzip + " exists");
  }

  /**
   * Returns the existing {@code name} or {@code name.gz} in {@code directory}, or null if neither
   * exists. When both exist the plain file is returned and a warning names both.
   */
  public static Path resolveOptional(Path directory, String name) {
    Path plain = directory.resolve(name);
    if (Files.isRegularFile(plain)) {
      warnIfCompressedTwin(plain);
      return plain;
    }
    Path gzip = directory.resolve(name + ".gz");
    return Files.isRegularFile(gzip) ? gzip : null;
  }

  private static void warnIfCompressedTwin(Path plain) {
    Path gzip = plain.resolveSibling(plain.getFileName() + ".gz");
    if (Files.isRegularFile(gzip) && REPORTED_TWINS.add(plain.toAbsolutePath().normalize())) {
      LOG.warn("both {} and {} exist: reading {}; delete or rename the one that should not be read",
          plain, gzip, plain.getFileName());
    }
  }

  /**
   * Opens a UTF-8 reader, decompressing when the file starts with the gzip magic bytes. Malformed
   * UTF-8 is reported, not replaced.
   *
   * @throws DataFormatException if the file is missing or unreadable
   */
  public static BufferedReader open(Path file) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new BufferedReader(new InputStreamReader(openDecompressed(file), decoder), BUFFER_BYTES);
  }

  /**
   * Opens a byte stream, decompressing when the file starts with the gzip magic bytes 1f 8b.
   *
   * @throws DataFormatException if the file is missing, unreadable or has a damaged gzip header
   */
  public static InputStream openDecompressed(Path file) {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, "missing file: it does not exist", e);
    } catch (IOException e) {
      throw new DataFormatException(file, 0, "cannot open: " + e.getMessage(), e);
    }
    try {
      InputStream buffered = new java.io.BufferedInputStream(in, BUFFER_BYTES);
      buffered.mark(2);
      int first = buffered.read();
      int second = buffered.read();
      buffered.reset();
      return (first == 0x1f && second == 0x8b) ? new GZIPInputStream(buffered, BUFFER_BYTES) : buffered;
    } catch (java.io.EOFException e) {
      closeQuietly(in);
      throw new DataFormatException(file, 0, "truncated gzip data: the file ends inside the gzip header;"
          + " download or compress it again", e);
    } catch (IOException e) {
      closeQuietly(in);
      throw new DataFormatException(file, 0, "cannot open: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // The open failure is the error worth reporting.
    }
  }
}
