package io.leverxc.bundle;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File-system steps shared by bundle writer and reader: names, fsync and recursive delete. */
final class BundleFiles {
  private static final Logger LOG = LoggerFactory.getLogger(BundleFiles.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

  private BundleFiles() {}

  /**
   * Checks an array name. Names become file names, so they are restricted to lower-case letters,
   * digits, '_', '.' and '-', start with a letter or digit, and are at most 100 characters long.
   */
  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid bundle array name '" + name + "': expected 1 to 100 characters"
          + " of a-z, 0-9, '_', '.' or '-', starting with a letter or digit");
    }
    return name;
  }

  static Path arrayFile(Path directory, String name) {
    return directory.resolve(name + ArrayFileFormat.EXTENSION);
  }

  /** Sibling path where a replaced bundle waits while its successor is renamed into place. */
  static Path backupPath(Path target, String bundleId) {
    return target.resolveSibling("." + target.getFileName() + ".old-" + bundleId);
  }

  /**
   * Returns {@code path} made absolute without collapsing {@code ..} lexically: {@code cur/../b},
   * with {@code cur} a link, names what the operating system finds there, not {@code b} beside
   * {@code cur}. Only a last name of {@code .} or {@code ..} is resolved, since a bundle folder
   * needs a name of its own for the sibling folders it is written through.
   */
  static Path absolute(Path path) {
    Path absolute = path.toAbsolutePath();
    Path name = absolute.getFileName();
    if (name != null && !name.toString().equals(".") && !name.toString().equals("..")) {
      return absolute;
    }
    try {
      return absolute.toRealPath();
    } catch (java.io.IOException e) {
      return absolute.normalize();
    }
  }

  static Path temporaryPath(Path target, String suffix) {
    return target.resolveSibling("." + target.getFileName() + ".tmp-" + suffix);
  }

  /**
   * Forces a directory's entries to disk so a rename or a new file in it survives a crash. Some
   * file systems and platforms cannot open a directory for this, and then the step is skipped.
   */
  static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("Cannot fsync directory {} on this platform: {}", directory, e.toString());
    }
  }

  /** Deletes a directory tree; a missing directory is not an error. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path directory, IOException error) throws IOException {
        if (error != null) {
          throw error;
        }
        Files.delete(directory);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
