package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./lever} launcher against folders of fake JDKs whose {@code java} prints a
 * chosen specification version, and checks which one it selects.
 */
class LauncherJdkChoiceTest {
  private static final Path LAUNCHER = Path.of("..", "lever").toAbsolutePath().normalize();

  @TempDir Path jvmRoot;

  private Path fakeJdk(String name, String specificationVersion) throws IOException {
    Path bin = Files.createDirectories(jvmRoot.resolve(name).resolve("bin"));
    String java = "#!/bin/sh\necho '    java.specification.version = " + specificationVersion + "' >&2\n";
    for (String tool : new String[] {"java", "javac"}) {
      Path file = bin.resolve(tool);
      Files.writeString(file, java, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return jvmRoot.resolve(name);
  }

  private record Outcome(int exitCode, String stdout, String stderr) {}

  private Outcome runLauncher(Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", LAUNCHER.toString(), "--print-java-home");
    builder.environment().remove("JAVA_HOME");
    builder.environment().put("LEVER_JVM_ROOT", jvmRoot.toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "launcher timed out");
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return new Outcome(process.exitValue(), stdout, stderr);
  }

  @Test
  void newestJdkUnderRootIsChosen() throws Exception {
    fakeJdk("java-17", "17");
    fakeJdk("jdk-25", "25");
    Path newest = fakeJdk("jdk-26", "26");
    Outcome outcome = runLauncher(Map.of());
    assertEquals(0, outcome.exitCode(), outcome.stderr());
    assertEquals(newest.toString(), outcome.stdout());
  }

  @Test
  void javaHomeWinsWhenRecentEnough() throws Exception {
    fakeJdk("jdk-26", "26");
    Path home = fakeJdk("jdk-25", "25");
    Outcome outcome = runLauncher(Map.of("JAVA_HOME", home.toString()));
    assertEquals(0, outcome.exitCode(), outcome.stderr());
    assertEquals(home.toString(), outcome.stdout());
  }

  @Test
  void oldJavaHomeIsSkipped() throws Exception {
    Path old = fakeJdk("java-17", "17");
    Path recent = fakeJdk("jdk-25", "25");
    Outcome outcome = runLauncher(Map.of("JAVA_HOME", old.toString()));
    assertEquals(0, outcome.exitCode(), outcome.stderr());
    assertEquals(recent.toString(), outcome.stdout());
  }

  @Test
  void noRecentJdkExplainsWhatWasFound() throws Exception {
    fakeJdk("java-17", "17");
    fakeJdk("java-1.8", "1.8");
    Outcome outcome = runLauncher(Map.of());
    assertEquals(1, outcome.exitCode());
    assertEquals("", outcome.stdout());
    assertTrue(outcome.stderr().contains("no JDK 25 or newer found"), outcome.stderr());
    assertTrue(outcome.stderr().contains("(Java 17)"), outcome.stderr());
    assertTrue(outcome.stderr().contains("(Java 8)"), outcome.stderr());
  }
}
