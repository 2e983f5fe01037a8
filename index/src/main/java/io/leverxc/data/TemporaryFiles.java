package io.leverxc.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Temporary files beside a target, for writers that rename a finished file onto the target so that
 * a reader never sees half of it.
 *
 * <p>{@link Files#createTempFile} gives its files owner-only permissions on POSIX systems, which a
 * rename keeps, so predictions and reports would end up unreadable to the owner's group and others
 * whatever the umask. These files get the permissions of any new file, as the umask allows.
 */
public final class TemporaryFiles {
  private static final int ATTEMPTS = 100;

  /**
   * Characters of the target's name kept in the temporary name. With the random part and the
   * suffix, the name stays under the 255 bytes that common file systems allow, for ASCII names.
   */
  private static final int MAX_NAME_PART = 200;

  private TemporaryFiles() {}

  /**
   * Returns true for an existing path that is neither a regular file nor a folder, after symbolic
   * links: a device, FIFO or socket, which a rename onto it would replace.
   */
  public static boolean isSpecialFile(Path path) {
    return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
  }

  /**
   * Creates an empty file named after {@code target} with a random part, in the target's folder.
   *
   * @throws IOException if the folder is missing or not writable, if {@code target} exists but is
   *     neither a regular file nor a folder, or if no free name was found
   */
  public static Path createBeside(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    if (isSpecialFile(absolute)) {
      // The rename that follows would replace a device, FIFO or socket with a regular file.
      throw new IOException(absolute + " is not a regular file (a device, FIFO or socket), so it cannot be replaced"
          + " by a written file; give the path of a regular file");
    }
    Path folder = absolute.getParent();
    String name = absolute.getFileName().toString();
    String prefix = "." + name.substring(0, Math.min(name.length(), MAX_NAME_PART)) + ".";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Path candidate = folder.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try {
        Path created = Files.createFile(candidate);
        // A shutdown (SIGTERM, Ctrl-C) deletes the file if it was not renamed onto its target yet.
        created.toFile().deleteOnExit();
        return created;
      } catch (FileAlreadyExistsException taken) {
        // Another writer uses this name, so the next attempt draws a new one.
      } catch (AccessDeniedException denied) {
        throw new IOException("permission denied: cannot create a file in " + folder + " to write " + absolute, denied);
      }
    }
    throw new IOException("no free temporary file name beside " + absolute + " after " + ATTEMPTS + " attempts");
  }
}
