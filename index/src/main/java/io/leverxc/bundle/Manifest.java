package io.leverxc.bundle;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code manifest.json} of a model bundle: where the model came from, how it was trained and
 * which binary files belong to it. Immutable; build one with {@link #builder()}.
 *
 * @param formatVersion bundle format version; a reader accepts only the versions it supports
 * @param leverXcVersion version of the Lever-XC build that wrote the bundle
 * @param bundleId unique id: UTC time of creation plus 8 random hex digits
 * @param createdAt ISO-8601 UTC creation time
 * @param parentBundleId id of the bundle this one was derived from (for example re-indexed), or null
 * @param dataset name of the training data set and SHA-256 of each of its input files
 * @param labelCount number of labels the model predicts
 * @param dimensions named sizes, for example {@code "features"} or {@code "embedding"}
 * @param settings training settings as one free-form JSON object per component, for example
 *     {@code "features"}, {@code "teacher"}, {@code "classifier"}, {@code "distill"}, {@code "index"}
 * @param seed random seed of the run
 * @param metrics metrics of the last evaluation, by name (for example {@code "P@1"})
 * @param javaVersion {@code java.version} of the writing JVM
 * @param os operating system name, version and architecture of the writer
 * @param files the binary files of the bundle by name, filled in by {@link BundleWriter#commit()}
 */
public record Manifest(
    int formatVersion,
    String leverXcVersion,
    String bundleId,
    String createdAt,
    String parentBundleId,
    DatasetInfo dataset,
    int labelCount,
    Map<String, Integer> dimensions,
    Map<String, Map<String, Object>> settings,
    long seed,
    Map<String, Double> metrics,
    String javaVersion,
    String os,
    Map<String, FileEntry> files) {

  /** Bundle format version this build writes. */
  public static final int FORMAT_VERSION = 1;

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Copies the maps into unmodifiable ones that keep insertion order and treats null maps as empty. */
  public Manifest {
    dimensions = frozen(dimensions);
    Map<String, Map<String, Object>> settingsCopy = new LinkedHashMap<>();
    if (settings != null) {
      settings.forEach((section, values) -> settingsCopy.put(section, frozen(values)));
    }
    settings = Collections.unmodifiableMap(settingsCopy);
    metrics = frozen(metrics);
    files = frozen(files);
  }

  private static <K, V> Map<K, V> frozen(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Returns a builder that fills in format version, Lever-XC version, id, time, Java version and OS. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a copy with another file table; the writer uses it at commit. */
  Manifest withFiles(Map<String, FileEntry> newFiles) {
    return new Manifest(formatVersion, leverXcVersion, bundleId, createdAt, parentBundleId, dataset, labelCount,
        dimensions, settings, seed, metrics, javaVersion, os, newFiles);
  }

  /** Returns a fresh bundle id: creation time to the second plus 32 random bits. */
  static String newBundleId(Instant time) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return ID_TIME.format(time) + "-" + HexFormat.of().formatHex(random);
  }

  /**
   * The training data set of a model.
   *
   * @param name data set name, usually its folder name
   * @param fileSha256 SHA-256 (lower-case hex) of each input file, by file name
   */
  public record DatasetInfo(String name, Map<String, String> fileSha256) {
    public DatasetInfo {
      fileSha256 = frozen(fileSha256);
    }

    /**
     * Describes the data set in {@code directory}, named after the folder, with the SHA-256 of every
     * regular file directly inside it (sorted by name; hidden files skipped).
     *
     * @throws java.io.UncheckedIOException if the folder or a file cannot be read
     */
    public static DatasetInfo ofDirectory(Path directory) {
      return new DatasetInfo(directory.toAbsolutePath().normalize().getFileName().toString(),
          FileDigests.sha256OfDirectory(directory));
    }
  }

  /**
   * One binary file of the bundle, as recorded at commit and checked on load.
   *
   * @param type element type: {@code float32}, {@code int32}, {@code bytes} or {@code csr-float32}
   * @param shape array shape; for {@code csr-float32} it is rows, columns and non-zeros
   * @param bytes file length
   * @param crc32c CRC32C of header and payload, 8 lower-case hex digits
   */
  public record FileEntry(String type, long[] shape, long bytes, String crc32c) {
    public FileEntry {
      shape = shape == null ? new long[0] : shape.clone();
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FileEntry that
          && type.equals(that.type)
          && java.util.Arrays.equals(shape, that.shape)
          && bytes == that.bytes
          && crc32c.equals(that.crc32c);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(type, java.util.Arrays.hashCode(shape), bytes, crc32c);
    }

    @Override
    public String toString() {
      return type + " " + ArrayFileFormat.describeShape(shape) + ", " + bytes + " bytes, crc32c " + crc32c;
    }
  }

  /** Collects the fields a caller sets; the rest come from the running JVM and the clock. */
  public static final class Builder {
    private String parentBundleId;
    private DatasetInfo dataset = new DatasetInfo("", Map.of());
    private int labelCount;
    private final Map<String, Integer> dimensions = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
    private long seed;
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    private Builder() {}

    public Builder parentBundleId(String id) {
      this.parentBundleId = id;
      return this;
    }

    public Builder dataset(DatasetInfo info) {
      this.dataset = java.util.Objects.requireNonNull(info, "dataset");
      return this;
    }

    public Builder labelCount(int count) {
      this.labelCount = count;
      return this;
    }

    public Builder dimension(String name, int size) {
      dimensions.put(name, size);
      return this;
    }

    /**
     * Sets the settings of one component. Values should be JSON-friendly: String, Boolean, Integer,
     * Long, Double, or lists and maps of them. A Float comes back as a Double after a round trip.
     */
    public Builder settings(String component, Map<String, ?> values) {
      settings.put(component, new LinkedHashMap<>(values));
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder metric(String name, double value) {
      metrics.put(name, value);
      return this;
    }

    public Builder metrics(Map<String, Double> values) {
      metrics.putAll(values);
      return this;
    }

    public Manifest build() {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
          + System.getProperty("os.arch");
      return new Manifest(FORMAT_VERSION, LeverXcVersion.get(), newBundleId(now), now.toString(), parentBundleId,
          dataset, labelCount, dimensions, settings, seed, metrics, System.getProperty("java.version"), os, Map.of());
    }
  }
}
