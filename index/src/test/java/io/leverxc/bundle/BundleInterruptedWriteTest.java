package io.leverxc.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleInterruptedWriteTest {
  private static final long CHILD_TIMEOUT_SECONDS = 60;

  @TempDir Path folder;

  private Path writeOldBundle() {
    Path target = folder.resolve("model");
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putInts("generation", new int[] {1}).setManifest(BundleRoundTripTest.sampleManifest()).commit();
    }
    return target;
  }

  private List<Path> siblings() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }

  @Test
  void closeWithoutCommitKeepsOldBundle() throws IOException {
    Path target = writeOldBundle();
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putInts("generation", new int[] {2}).setManifest(BundleRoundTripTest.sampleManifest());
    }
    assertArrayEquals(new int[] {1}, BundleReader.open(target).ints("generation"));
    assertEquals(List.of(target), siblings());
  }

  @Test
  void abandonedWriterLeavesNothingLoadable() throws IOException {
    Path target = folder.resolve("fresh");
    BundleWriter writer = BundleWriter.create(target);
    writer.putInts("generation", new int[] {2}).setManifest(BundleRoundTripTest.sampleManifest());
    // No commit and no close: the state a crash leaves behind.
    BundleFormatException missing = assertThrows(BundleFormatException.class, () -> BundleReader.open(target));
    assertTrue(missing.getMessage().contains("the directory does not exist"), missing.getMessage());
    Path temporary = siblings().getFirst();
    assertTrue(temporary.getFileName().toString().startsWith(".fresh.tmp-"), temporary.toString());
    BundleFormatException partial = assertThrows(BundleFormatException.class, () -> BundleReader.open(temporary));
    assertTrue(partial.getMessage().contains("missing manifest"), partial.getMessage());
    writer.close();
    assertEquals(List.of(), siblings());
  }

  @Test
  void killedWriterProcessKeepsOldBundle() throws Exception {
    Path target = writeOldBundle();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        KilledBundleWriter.class.getName(), target.toString())
        .redirectErrorStream(true)
        .start();
    try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = output.readLine();
      } while (line != null && !line.equals(KilledBundleWriter.READY));
      assertEquals(KilledBundleWriter.READY, line, "child exited before it started writing");
      child.destroyForcibly();
      assertTrue(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "killed child did not exit");
    } finally {
      child.destroyForcibly();
    }

    BundleReader reader = BundleReader.open(target);
    assertArrayEquals(new int[] {1}, reader.ints("generation"));
    assertFalse(reader.has("weights-0"));
  }

  @Test
  void crashBetweenRenamesNamesBackup() throws IOException {
    Path target = writeOldBundle();
    Path backup = BundleFiles.backupPath(target, "20261204T210000Z-0123abcd");
    Files.move(target, backup);
    BundleFormatException error = assertThrows(BundleFormatException.class, () -> BundleReader.open(target));
    assertTrue(error.getMessage().contains("left the previous bundle at [" + backup + "]"), error.getMessage());
    assertArrayEquals(new int[] {1}, BundleReader.open(backup).ints("generation"));
  }
}
