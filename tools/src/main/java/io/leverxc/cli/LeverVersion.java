package io.leverxc.cli;

import picocli.CommandLine;

/** Supplies {@code lever --version} from the jar manifest. */
public final class LeverVersion implements CommandLine.IVersionProvider {
  /** Version used when running from classes outside a jar, as in tests. */
  public static final String DEVELOPMENT_VERSION = "0.1.0-SNAPSHOT";

  public static String version() {
    String version = LeverVersion.class.getPackage().getImplementationVersion();
    return version == null ? DEVELOPMENT_VERSION : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"lever " + version() + " (Java " + Runtime.version() + ")"};
  }
}
