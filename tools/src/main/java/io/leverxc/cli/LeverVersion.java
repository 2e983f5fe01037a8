package io.leverxc.cli;

import io.leverxc.bundle.LeverXcVersion;
import picocli.CommandLine;

/** Supplies {@code lever --version}: the version and commit that bundle manifests record too. */
public final class LeverVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"lever " + LeverXcVersion.get() + " (Java " + Runtime.version() + ")"};
  }
}
