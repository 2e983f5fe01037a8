package io.leverxc.bundle;

import java.nio.file.Path;

/**
 * Child process for {@link BundleInterruptedWriteTest}: starts replacing the bundle at {@code args[0]}
 * and keeps writing arrays until the test kills it. It commits after {@link #MAX_ARRAYS} arrays, which
 * the test would detect, so a kill that comes too late fails the test instead of passing it.
 */
final class KilledBundleWriter {
  static final String READY = "writing";
  private static final int MAX_ARRAYS = 10_000;
  private static final int ARRAY_FLOATS = 1 << 18;

  private KilledBundleWriter() {}

  public static void main(String[] args) {
    BundleWriter writer = BundleWriter.create(Path.of(args[0]));
    float[] values = new float[ARRAY_FLOATS];
    for (int i = 0; i < MAX_ARRAYS; i++) {
      writer.putFloats("weights-" + i, values);
      if (i == 0) {
        System.out.println(READY);
        System.out.flush();
      }
    }
    writer.setManifest(Manifest.builder().build()).commit();
  }
}
