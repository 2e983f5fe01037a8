package io.leverxc.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Lever-XC version of this build, from a properties file that Maven fills in at build time:
 * the project version and, when the build ran in a Git checkout, the commit it was built from, as
 * in {@code 0.1.0-SNAPSHOT+9d37d18}, with {@code -dirty} after the commit when the checkout had
 * uncommitted changes. Bundle manifests record it, so a result can be traced to its code.
 */
public final class LeverXcVersion {
  private static final String RESOURCE = "lever-xc-version.properties";
  private static final String VERSION = load();

  private LeverXcVersion() {}

  /** Returns the version of this build, with its commit when known. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = LeverXcVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return describe(properties.getProperty("version", "unknown"), properties.getProperty("commit", ""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
    }
  }

  /**
   * Returns {@code version+commit}, or the version alone when the commit is unknown: blank, or a
   * placeholder that Maven left unfilled because the build ran outside a Git checkout.
   */
  static String describe(String version, String commit) {
    String trimmed = commit == null ? "" : commit.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("${")) {
      return version;
    }
    return version + "+" + trimmed;
  }
}
