package io.leverxc.bundle;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one model bundle directory atomically.
 *
 * <p>Arrays are streamed into a hidden temporary sibling of the target as they are put, each fsynced.
 * {@link #commit()} writes {@code manifest.json}, fsyncs the directory and renames it into place, so
 * the target either contains the old bundle, the complete new one, or (only if the process dies between
 * the two renames of a replacement) nothing, with the old bundle kept under {@code .NAME.old-ID}.
 * A temporary directory never loads as a bundle because nothing opens it by that name. Closing
 * without commit deletes the temporary directory.
 *
 * <p>A reader that is still loading the old bundle while it is replaced can fail with a missing
 * file, because the old files are deleted after the rename; it should open the target again.
 *
 * <p>Not thread-safe. Two writers for the same target must not run at once.
 */
public final class BundleWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BundleWriter.class);
  private static final int MAX_LISTED_OTHER_FILES = 5;

  /** Writers whose temporary directory a JVM shutdown, such as one on SIGTERM or Ctrl-C, deletes. */
  private static final Set<BundleWriter> UNFINISHED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(
        Thread.ofPlatform().name("lever-bundle-cleanup").unstarted(BundleWriter::discardUnfinished));
  }

  private final Path target;
  private final Path temporary;
  private final Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
  private Manifest manifest;
  private boolean finished;
  private volatile boolean discardedOnShutdown;

  private BundleWriter(Path target, Path temporary) {
    this.target = target;
    this.temporary = temporary;
  }

  /**
   * Starts a bundle that {@link #commit()} will place at {@code target}.
   *
   * @throws IllegalArgumentException if {@code target} exists but is not a bundle directory, because
   *     replacing it could destroy unrelated files
   * @throws UncheckedIOException if the temporary directory cannot be created
   */
  public static BundleWriter create(Path target) {
    // NOTE: a shutdown deletes the temporary directory, but a killed JVM (SIGKILL, power loss)
    // leaves it behind. The next writer of the same target warns about it.
    Path absolute = followLink(BundleFiles.absolute(target));
    checkReplaceable(absolute);
    warnAboutLeftovers(absolute);
    Path temporary = BundleFiles.temporaryPath(absolute, Manifest.newBundleId(Instant.now()));
    try {
      Files.createDirectories(absolute.getParent());
      Files.createDirectory(temporary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create temporary bundle directory " + temporary, e);
    }
    LOG.debug("Writing bundle for {} into {}", absolute, temporary);
    BundleWriter writer = new BundleWriter(absolute, temporary);
    UNFINISHED.add(writer);
    return writer;
  }

  /** Logs the temporary and replaced folders that interrupted writes of {@code target} left beside it. */
  private static void warnAboutLeftovers(Path target) {
    String temporaryPrefix = BundleFiles.temporaryPath(target, "").getFileName().toString();
    String backupPrefix = BundleFiles.backupPath(target, "").getFileName().toString();
    List<String> leftovers = new ArrayList<>();
    try (Stream<Path> siblings = Files.list(target.getParent())) {
      siblings.map(sibling -> sibling.getFileName().toString())
          .filter(name -> name.startsWith(temporaryPrefix) || name.startsWith(backupPrefix))
          .sorted()
          .forEach(leftovers::add);
    } catch (IOException e) {
      // A missing or unreadable parent folder fails with a clear message when the writer creates it.
      return;
    }
    if (!leftovers.isEmpty()) {
      LOG.warn("{} folder(s) beside {} were left by interrupted writes: {}; delete them once {} loads",
          leftovers.size(), target, String.join(", ", leftovers), target.getFileName());
    }
  }

  /** Deletes the temporary directories of writers not yet committed or closed, at JVM shutdown. */
  private static void discardUnfinished() {
    for (BundleWriter writer : UNFINISHED) {
      writer.discardedOnShutdown = true;
      if (writer.discard()) {
        LOG.info("Deleted the unfinished bundle {} on shutdown; {} is unchanged", writer.temporary, writer.target);
      }
    }
  }

  /**
   * Returns the bundle folder that {@code target} names: the folder a symbolic link points to, so
   * that writing through the link (a deployment's {@code current}, say) replaces that folder and
   * keeps the link, rather than replacing the link with a folder of its own.
   *
   * @throws IllegalArgumentException if {@code target} is a link to a missing path, or a link that
   *     cannot be followed (a loop of links, say)
   */
  static Path followLink(Path target) {
    if (!Files.isSymbolicLink(target)) {
      return target;
    }
    try {
      return target.toRealPath();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(target + " is a symbolic link to a missing path; point it at a model"
          + " bundle folder or write the bundle elsewhere", e);
    } catch (IOException e) {
      String reason = e instanceof FileSystemException system && system.getReason() != null
          ? system.getReason() : e.toString();
      throw new IllegalArgumentException(target + " is a symbolic link that cannot be followed (" + reason
          + "); point it at a model bundle folder or write the bundle elsewhere", e);
    }
  }

  /**
   * Checks that {@link #create} may write {@code target}: it does not exist yet, or it is a
   * bundle, which the new one replaces. A bundle is a folder whose {@code manifest.json} is a
   * Lever-XC manifest and which contains no file that the manifest does not list, so that a
   * replacement never deletes anything but a model. A long job calls this before its work, so
   * that a wrong output path fails at once.
   *
   * @throws IllegalArgumentException naming the path when it exists and is not a bundle, or naming
   *     the files in it that are not part of the bundle
   */
  public static void checkReplaceable(Path target) {
    target = followLink(BundleFiles.absolute(target));
    if (!Files.exists(target)) {
      return;
    }
    Path manifestFile = target.resolve(ManifestCodec.FILE_NAME);
    if (!Files.isDirectory(target) || !Files.isRegularFile(manifestFile)) {
      throw new IllegalArgumentException(target + " exists and is not a model bundle (no "
          + ManifestCodec.FILE_NAME + "); choose another output path or remove it first");
    }
    Set<String> listed = ManifestCodec.listedFileNames(manifestFile);
    if (listed == null) {
      throw new IllegalArgumentException(target + " exists and is not a model bundle (its "
          + ManifestCodec.FILE_NAME + " is not a Lever-XC manifest with formatVersion, bundleId and files);"
          + " choose another output path or remove it first");
    }
    List<String> others = new ArrayList<>();
    try (Stream<Path> entries = Files.list(target)) {
      entries.map(entry -> entry.getFileName().toString()).filter(name -> !listed.contains(name)).sorted()
          .forEach(others::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + target + " to check that it contains only a bundle: " + e.getMessage(), e);
    }
    if (!others.isEmpty()) {
      List<String> listedOthers = others.subList(0, Math.min(others.size(), MAX_LISTED_OTHER_FILES));
      throw new IllegalArgumentException(target + " is a model bundle but also contains " + others.size()
          + " file(s) that are not part of it (" + String.join(", ", listedOthers) + (others.size() > listedOthers.size() ? ", ..." : "")
          + "), which replacing the bundle would delete; move them out or choose another output path");
    }
  }

  /** Stores a dense float matrix under {@code name}. */
  public BundleWriter putMatrix(String name, DenseMatrix matrix) {
    return put(name, file -> ArrayFileWriter.writeFloats(file, matrix.data(), matrix.rows(), matrix.columns()));
  }

  /** Stores a float vector under {@code name}. */
  public BundleWriter putFloats(String name, float[] values) {
    return put(name, file -> ArrayFileWriter.writeFloats(file, values, values.length));
  }

  /** Stores an int vector under {@code name}. */
  public BundleWriter putInts(String name, int[] values) {
    return put(name, file -> ArrayFileWriter.writeInts(file, values));
  }

  /** Stores raw bytes under {@code name}, for state that has its own encoding (a vocabulary, a graph). */
  public BundleWriter putBytes(String name, byte[] values) {
    return put(name, file -> ArrayFileWriter.writeBytes(file, values));
  }

  /** Stores a sparse matrix (labels or features) under {@code name}. */
  public BundleWriter putLabelMatrix(String name, LabelMatrix matrix) {
    int rows = matrix.rows();
    int[] rowStarts = new int[rows + 1];
    for (int row = 0; row < rows; row++) {
      rowStarts[row + 1] = matrix.rowEnd(row);
    }
    int[] labels = new int[matrix.nonZeros()];
    float[] values = new float[matrix.nonZeros()];
    for (int position = 0; position < labels.length; position++) {
      labels[position] = matrix.label(position);
      values[position] = matrix.value(position);
    }
    return put(name, file -> ArrayFileWriter.writeCsr(file, rows, matrix.columns(), rowStarts, labels, values));
  }

  /**
   * Copies array {@code name} unchanged from another bundle, after checking its checksum, without
   * decoding it. Useful when a new bundle replaces only some arrays of an old one.
   *
   * @throws IllegalArgumentException if {@code source} has no such array or the name was already put
   * @throws BundleFormatException if the source file fails its checks
   */
  public BundleWriter copyFrom(BundleReader source, String name) {
    checkOpen();
    BundleFiles.checkName(name);
    if (files.containsKey(name)) {
      throw new IllegalArgumentException("bundle array '" + name + "' was already put; each name may be used once");
    }
    source.verify(name);
    Manifest.FileEntry entry = source.manifest().files().get(name);
    Path file = BundleFiles.arrayFile(temporary, name);
    try {
      Files.copy(source.file(name), file);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      if (Files.size(file) != entry.bytes()) {
        throw new BundleFormatException(source.file(name), "file changed while it was copied: expected "
            + entry.bytes() + " bytes, copied " + Files.size(file) + "; copy it again");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source.file(name) + " to " + file + ": " + e.getMessage(), e);
    }
    files.put(name, entry);
    return this;
  }

  /** Sets the manifest to write at commit; its file table is replaced by the files put here. */
  public BundleWriter setManifest(Manifest newManifest) {
    checkOpen();
    this.manifest = Objects.requireNonNull(newManifest, "manifest");
    return this;
  }

  /** Target directory of this writer. */
  public Path target() {
    return target;
  }

  private interface ArrayWrite {
    Manifest.FileEntry writeTo(Path file) throws IOException;
  }

  private BundleWriter put(String name, ArrayWrite write) {
    checkOpen();
    BundleFiles.checkName(name);
    if (files.containsKey(name)) {
      throw new IllegalArgumentException("bundle array '" + name + "' was already put; each name may be used once");
    }
    Path file = BundleFiles.arrayFile(temporary, name);
    try {
      files.put(name, write.writeTo(file));
    } catch (IOException e) {
      // Remove the partial file so the name can be put again after the cause is fixed.
      try {
        Files.deleteIfExists(file);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write bundle file " + file + ": " + e.getMessage(), e);
    }
    return this;
  }

  /**
   * Writes the manifest, forces everything to disk and renames the bundle into place. An existing
   * bundle at the target is replaced only after the new one is complete on disk.
   *
   * @return the manifest as written, with its file table
   * @throws IllegalStateException if no manifest was set or the writer is already finished
   * @throws UncheckedIOException if a write, fsync or rename fails; the target is then unchanged
   *     unless the failure hit between the two renames of a replacement
   */
  public synchronized Manifest commit() {
    checkOpen();
    if (manifest == null) {
      throw new IllegalStateException("setManifest(...) must be called before commit()");
    }
    Manifest written = manifest.withFiles(files);
    try {
      writeManifest(written);
      BundleFiles.syncDirectory(temporary);
      checkReplaceable(target);
      if (Files.exists(target)) {
        replace(written.bundleId());
      } else {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        BundleFiles.syncDirectory(target.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit bundle " + target + ": " + e.getMessage(), e);
    }
    finished = true;
    UNFINISHED.remove(this);
    LOG.info("Wrote bundle {} ({} arrays) to {}", written.bundleId(), files.size(), target);
    return written;
  }

  private void writeManifest(Manifest written) throws IOException {
    Path file = temporary.resolve(ManifestCodec.FILE_NAME);
    ByteBuffer json = ByteBuffer.wrap(ManifestCodec.toJson(written));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (json.hasRemaining()) {
        channel.write(json);
      }
      channel.force(true);
    }
  }

  /** Moves the old bundle aside, moves the new one in, then deletes the old one. */
  private void replace(String bundleId) throws IOException {
    Path backup = BundleFiles.backupPath(target, bundleId);
    Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    BundleFiles.syncDirectory(target.getParent());
    BundleFiles.deleteTree(backup);
  }

  private void checkOpen() {
    if (discardedOnShutdown) {
      throw new UncheckedIOException(new InterruptedIOException("the JVM is shutting down (SIGTERM or Ctrl-C), so the"
          + " unfinished bundle for " + target + " was deleted and " + target + " is unchanged"));
    }
    if (finished) {
      throw new IllegalStateException("bundle writer for " + target + " is already committed or closed");
    }
  }

  /** Deletes the temporary directory unless the bundle was committed. */
  @Override
  public void close() {
    if (discard()) {
      LOG.debug("Discarded uncommitted bundle for {}", target);
    }
  }

  /**
   * Deletes the temporary directory unless the bundle was committed or already discarded, and
   * returns whether it did. Synchronised with {@link #commit()}, so that a shutdown during a commit
   * waits for its renames rather than deleting a folder that is being moved into place.
   */
  private synchronized boolean discard() {
    if (finished) {
      return false;
    }
    finished = true;
    UNFINISHED.remove(this);
    try {
      BundleFiles.deleteTree(temporary);
      return true;
    } catch (IOException e) {
      LOG.warn("Cannot delete temporary bundle directory {}; remove it by hand: {}", temporary, e.toString());
      return false;
    }
  }
}
