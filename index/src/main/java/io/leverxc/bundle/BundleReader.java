package io.leverxc.bundle;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model bundle written by {@link BundleWriter}.
 *
 * <p>{@link #open(Path)} checks the manifest's format version and that every listed file exists with
 * its recorded length. Each accessor then reads one file, checks its header against the manifest and
 * its CRC32C trailer, and returns a fresh array. Thread-safe, because every call opens its own file.
 */
public final class BundleReader {
  /**
   * Advice for a file that no longer matches the manifest. A lever index or retrain writing
   * the same path swaps the whole folder, so a load that straddles the swap fails this way too.
   */
  private static final String REPLACED_ADVICE = " after the bundle was written; if a lever index or lever retrain"
      + " was writing this path, load it again now, otherwise train the model again";

  /** Suffix of the graph files' array names (label_index, classifier_index, document_index). */
  static final String GRAPH_SUFFIX = "_index";

  private final Path directory;
  private final Manifest manifest;
  private final ManifestCodec.Loaded loaded;

  private BundleReader(Path directory, ManifestCodec.Loaded loaded) {
    this.directory = directory;
    this.manifest = loaded.manifest();
    this.loaded = loaded;
  }

  /**
   * Opens the bundle in {@code directory}.
   *
   * @throws BundleFormatException if the directory or a file is missing, a length differs from the
   *     manifest, or the manifest is invalid or of an unsupported format version
   */
  public static BundleReader open(Path directory) {
    return open(directory, Set.of());
  }

  /**
   * Opens the bundle in {@code directory} but skips the presence and length checks of the files
   * in {@code derived}, so that a caller that rebuilds those files can repair a bundle that lost
   * them. Reading one of them still checks it in full.
   *
   * @throws BundleFormatException as {@link #open(Path)}, for the files outside {@code derived}
   */
  public static BundleReader open(Path directory, Set<String> derived) {
    Path absolute = BundleFiles.absolute(directory);
    if (!Files.isDirectory(absolute)) {
      throw new BundleFormatException(absolute, "no model bundle here: the directory does not exist"
          + describeLeftovers(absolute));
    }
    ManifestCodec.Loaded loaded = ManifestCodec.read(absolute.resolve(ManifestCodec.FILE_NAME));
    Manifest manifest = loaded.manifest();
    for (Map.Entry<String, Manifest.FileEntry> entry : manifest.files().entrySet()) {
      try {
        BundleFiles.checkName(entry.getKey());
      } catch (IllegalArgumentException e) {
        throw new BundleFormatException(absolute.resolve(ManifestCodec.FILE_NAME), "file table: " + e.getMessage()
            + "; the manifest is damaged, so train the model again", e);
      }
      if (derived.contains(entry.getKey())) {
        continue;
      }
      Path file = BundleFiles.arrayFile(absolute, entry.getKey());
      long expected = entry.getValue().bytes();
      long found;
      try {
        found = Files.size(file);
      } catch (IOException e) {
        throw new BundleFormatException(file, "missing bundle file listed in the manifest, so the bundle is"
            + " incomplete; " + repairAdvice(absolute, entry.getKey()), e);
      }
      if (found != expected) {
        throw new BundleFormatException(file, "file is " + found + " bytes but the manifest records " + expected
            + ", so it is truncated or was replaced; " + repairAdvice(absolute, entry.getKey()));
      }
    }
    return new BundleReader(absolute, loaded);
  }

  /** Returns what a user can do to recover a bundle whose file {@code name} is lost or damaged. */
  private static String repairAdvice(Path bundle, String name) {
    return isGraph(name)
        ? "the graph is rebuilt from the vectors by 'lever index --model " + bundle + "'"
        : "train the model again or restore the bundle from a backup";
  }

  /**
   * Returns true for the files of the shortlist graphs, which are derived from the vectors beside
   * them and named with the suffix {@value #GRAPH_SUFFIX}.
   */
  private static boolean isGraph(String name) {
    return name.endsWith(GRAPH_SUFFIX);
  }

  /** Names a leftover of an interrupted replacement, if any, so the user can recover the old bundle. */
  private static String describeLeftovers(Path target) {
    Path parent = target.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return "";
    }
    String prefix = "." + target.getFileName() + ".old-";
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, entry -> entry.getFileName().toString().startsWith(prefix))) {
      siblings.forEach(sibling -> found.add(sibling.toString()));
    } catch (IOException e) {
      return "";
    }
    if (found.isEmpty()) {
      return "";
    }
    return "; an interrupted replacement left the previous bundle at " + found
        + ", which you can rename back to " + target.getFileName();
  }

  public Path directory() {
    return directory;
  }

  public Manifest manifest() {
    return manifest;
  }

  /**
   * Returns true when manifest.json differs from the manifest the bundle was written with, as its
   * recorded checksum shows: edited by hand or by another tool. False for a manifest that records no
   * checksum.
   */
  public boolean manifestEdited() {
    return loaded.edited();
  }

  /** Returns the checksum of manifest.json's present content, 8 hex digits. */
  public String currentManifestChecksum() {
    return loaded.currentChecksum();
  }

  /** Returns true if the bundle contains an array named {@code name}. */
  public boolean has(String name) {
    return manifest.files().containsKey(name);
  }

  /** Names of all arrays in the bundle, in the order they were written. */
  public Set<String> names() {
    return manifest.files().keySet();
  }

  /**
   * Reads every array file once and checks its header and CRC32C without keeping the data, for
   * callers that must know the whole bundle is intact before they switch to it.
   *
   * @throws BundleFormatException naming the first file that fails a check
   */
  public void verifyAll() {
    for (String name : names()) {
      verify(name);
    }
  }

  /**
   * Reads one array file and checks its header and CRC32C without keeping the data.
   *
   * @throws IllegalArgumentException if the bundle has no array {@code name}
   * @throws BundleFormatException if the file fails a check
   */
  public void verify(String name) {
    read(name, "verify", reader -> {
      reader.skipPayload();
      return null;
    });
  }

  /** Reads a dense float matrix stored with {@link BundleWriter#putMatrix}. */
  public DenseMatrix matrix(String name) {
    return read(name, "matrix", reader -> {
      reader.requireType(ElementType.FLOAT32, 2, 2, "matrix");
      long[] shape = reader.shape();
      if ((long) shape[0] * shape[1] > Integer.MAX_VALUE - 8) {
        throw new BundleFormatException(file(name), "matrix " + ArrayFileFormat.describeShape(shape)
            + " has more than 2^31 entries, more than a DenseMatrix holds");
      }
      return new DenseMatrix((int) shape[0], (int) shape[1], reader.readFloats((int) (shape[0] * shape[1])));
    });
  }

  /** Reads a float vector stored with {@link BundleWriter#putFloats}. */
  public float[] floats(String name) {
    return read(name, "floats", reader -> {
      reader.requireType(ElementType.FLOAT32, 1, 1, "floats");
      return reader.readFloats((int) reader.shape()[0]);
    });
  }

  /** Reads an int vector stored with {@link BundleWriter#putInts}. */
  public int[] ints(String name) {
    return read(name, "ints", reader -> {
      reader.requireType(ElementType.INT32, 1, 1, "ints");
      return reader.readInts((int) reader.shape()[0]);
    });
  }

  /** Reads raw bytes stored with {@link BundleWriter#putBytes}. */
  public byte[] bytes(String name) {
    return read(name, "bytes", reader -> {
      reader.requireType(ElementType.BYTES, 1, 1, "bytes");
      return reader.readBytes((int) reader.shape()[0]);
    });
  }

  /** Reads a sparse matrix stored with {@link BundleWriter#putLabelMatrix}. */
  public LabelMatrix labelMatrix(String name) {
    return read(name, "labelMatrix", reader -> {
      reader.requireType(ElementType.CSR_FLOAT32, 3, 3, "labelMatrix");
      long[] shape = reader.shape();
      int rows = (int) shape[0];
      int nonZeros = (int) shape[2];
      int[] rowStarts = reader.readInts(rows + 1);
      int[] labels = reader.readInts(nonZeros);
      float[] values = reader.readFloats(nonZeros);
      return new Decoded(rowStarts, labels, values, rows, (int) shape[1]);
    }).toMatrix(file(name));
  }

  /** Raw arrays of a sparse matrix, validated only after the checksum has passed. */
  private record Decoded(int[] rowStarts, int[] labels, float[] values, int rows, int columns) {
    LabelMatrix toMatrix(Path file) {
      try {
        return new LabelMatrix(rows, columns, rowStarts, labels, values);
      } catch (IllegalArgumentException e) {
        throw new BundleFormatException(file, "invalid sparse matrix: " + e.getMessage()
            + "; the file passed its checksum, so it was written wrong; train the model again", e);
      }
    }
  }

  private interface ArrayRead<T> {
    T readFrom(ArrayFileReader reader) throws IOException;
  }

  /** Path of the file that stores array {@code name}. */
  Path file(String name) {
    return BundleFiles.arrayFile(directory, name);
  }

  private <T> T read(String name, String accessor, ArrayRead<T> read) {
    try {
      return readChecked(name, accessor, read);
    } catch (BundleFormatException e) {
      if (!isGraph(name)) {
        throw e;
      }
      throw new BundleFormatException(
          e.file(), e.getMessage().substring(e.file().toString().length() + 2) + "; or, since this is a graph file,"
              + " rebuild it from the vectors with 'lever index --model " + directory + "'", e);
    }
  }

  private <T> T readChecked(String name, String accessor, ArrayRead<T> read) {
    Manifest.FileEntry entry = manifest.files().get(name);
    if (entry == null) {
      throw new IllegalArgumentException("bundle " + directory + " has no array '" + name + "' for " + accessor
          + "(); it contains " + names());
    }
    Path file = file(name);
    try (ArrayFileReader reader = ArrayFileReader.open(file)) {
      if (!reader.type().displayName.equals(entry.type()) || !Arrays.equals(reader.shape(), entry.shape())) {
        throw new BundleFormatException(file, "header records " + reader.type().displayName + " "
            + ArrayFileFormat.describeShape(reader.shape()) + " but the manifest records " + entry.type() + " "
            + ArrayFileFormat.describeShape(entry.shape()) + ", so the file was replaced" + REPLACED_ADVICE);
      }
      T value = read.readFrom(reader);
      reader.verifyChecksum();
      if (!reader.checksumHex().equals(entry.crc32c())) {
        throw new BundleFormatException(file, "CRC32C " + reader.checksumHex() + " differs from "
            + entry.crc32c() + " in the manifest, so the file was replaced" + REPLACED_ADVICE);
      }
      return value;
    } catch (IOException e) {
      throw new BundleFormatException(file, "read failed: " + e.getMessage(), e);
    }
  }
}
