package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code ./lever} launcher with a fake JDK 25 and checks the collector it picks per command. */
class LauncherGcOptionTest {
  private static final Path LAUNCHER = Path.of("..", "lever").toAbsolutePath().normalize();

  @TempDir Path jvmRoot;

  @BeforeEach
  void fakeJdk() throws IOException {
    Path bin = Files.createDirectories(jvmRoot.resolve("jdk-25").resolve("bin"));
    String java = "#!/bin/sh\necho '    java.specification.version = 25' >&2\n";
    for (String tool : new String[] {"java", "javac"}) {
      Path file = bin.resolve(tool);
      Files.writeString(file, java, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private String gcOption(Map<String, String> environment, String... command) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("sh", LAUNCHER.toString(), "--print-gc-option"));
    arguments.addAll(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(arguments);
    builder.environment().remove("JAVA_HOME");
    builder.environment().remove("LEVER_JAVA_OPTS");
    builder.environment().put("LEVER_JVM_ROOT", jvmRoot.toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "launcher timed out");
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), stderr);
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  @Test
  void serverUsesZgc() throws Exception {
    assertEquals("-XX:+UseZGC", gcOption(Map.of(), "serve", "--model", "m"));
    assertEquals("-XX:+UseZGC", gcOption(Map.of(), "bench", "serve", "--seconds", "5"));
  }

  @Test
  void otherCommandsUseParallelGc() throws Exception {
    assertEquals("-XX:+UseParallelGC", gcOption(Map.of(), "train", "--data", "d"));
    assertEquals("-XX:+UseParallelGC", gcOption(Map.of(), "bench", "index"));
    assertEquals("-XX:+UseParallelGC", gcOption(Map.of()));
  }

  @Test
  void userCollectorIsKept() throws Exception {
    assertEquals("", gcOption(Map.of("LEVER_JAVA_OPTS", "-Xmx2g -XX:+UseG1GC"), "serve"));
    assertEquals("-XX:+UseZGC", gcOption(Map.of("LEVER_JAVA_OPTS", "-Xmx2g"), "serve"));
  }
}
