package io.leverxc.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Lever-XC version of this build, from a properties file that Maven fills in at build time. */
final class LeverXcVersion {
  private static final String RESOURCE = "lever-xc-version.properties";
  private static final String VERSION = load();

  private LeverXcVersion() {}

  static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = LeverXcVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
    }
  }
}
