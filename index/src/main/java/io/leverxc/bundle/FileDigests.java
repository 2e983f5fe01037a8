package io.leverxc.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** SHA-256 digests of input files, recorded in the manifest so a model can be traced to its data. */
public final class FileDigests {
  private static final int BUFFER_BYTES = 1 << 16;

  private FileDigests() {}

  /** Returns the lower-case hex SHA-256 of each regular, non-hidden file directly in {@code directory}, by name. */
  static Map<String, String> sha256OfDirectory(Path directory) {
    List<Path> files;
    try (Stream<Path> entries = Files.list(directory)) {
      files = entries
          .filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list data set folder " + directory, e);
    }
    Map<String, String> digests = new LinkedHashMap<>();
    for (Path file : files) {
      digests.put(file.getFileName().toString(), sha256(file));
    }
    return digests;
  }

  /**
   * Returns the lower-case hex SHA-256 of {@code file}.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static String sha256(Path file) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    byte[] buffer = new byte[BUFFER_BYTES];
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("file not found: " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " to compute its SHA-256", e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
