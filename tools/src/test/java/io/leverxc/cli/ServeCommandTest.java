package io.leverxc.cli;

import io.leverxc.bundle.BundleFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code lever serve} in a child JVM, as a user would, and stops it with SIGTERM. */
class ServeCommandTest {
  private static final Pattern SERVING_LINE = Pattern.compile("Serving model (\\S+) on http://127\\.0\\.0\\.1:(\\d+) ");
  private static final long PROCESS_TIMEOUT_SECONDS = 60;

  @Test
  void sigtermDrainsAndExitsZero(@TempDir Path directory) throws Exception {
    Path dataset = writeDataset(directory);
    Path stderr = directory.resolve("stderr.txt");
    Process process = startServe(stderr, "--model", dataset.toString(), "--port", "0", "--drain-seconds", "5");
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = stdout.readLine();
      assertNotNull(line, () -> "lever serve printed nothing; stderr: " + readQuietly(stderr));
      Matcher matcher = SERVING_LINE.matcher(line);
      assertTrue(matcher.find(), line);
      int port = Integer.parseInt(matcher.group(2));

      try (HttpClient client = HttpClient.newHttpClient()) {
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/predict"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"a small garden bird\", \"k\": 1}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"id\":1"), response.body());
      }

      process.destroy(); // SIGTERM on Linux and macOS
      assertTrue(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS), "lever serve did not stop after SIGTERM");
      assertEquals(0, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void missingModelIsAnInputError(@TempDir Path directory) throws Exception {
    Path stderrFile = directory.resolve("stderr.txt");
    Path absent = directory.resolve("absent");
    Process process = startServe(stderrFile, "--model", absent.toString(), "--port", "0");
    try {
      assertTrue(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS), "lever serve did not exit");
      String stderr = Files.readString(stderrFile);
      assertEquals(UserErrorHandler.INPUT_ERROR, process.exitValue(), stderr);
      assertTrue(
          stderr.contains("lever serve: --model " + absent
              + " does not exist; pass a model bundle folder or an XC data set folder"),
          stderr);
      assertFalse(stderr.contains("\tat "), stderr);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void invalidLimitsNameTheOption(@TempDir Path directory) {
    String[][] cases = {
      {"--max-k", "0", "--max-k must be at least 1, got 0"},
      {"--threads", "0", "--threads must be at least 1, got 0"},
      {"--max-batch", "-1", "--max-batch must be at least 1, got -1"},
      {"--queue", "-2", "--queue must be at least 0, got -2"},
      {"--threads", "1025", "--threads must be at most 1024, got 1025"},
      {"--queue", "2147483647", "--queue must be at most 10000, got 2147483647"},
      {"--queue-timeout-ms", "0", "--queue-timeout-ms must be at least 1, got 0"},
      {"--max-connections", "0", "--max-connections must be at least 1, got 0"},
      {"--max-connections", "1000001", "--max-connections must be at most 1000000, got 1000001"},
      {"--admin-allow-remote", "--queue=4",
          "--admin-allow-remote has no effect without --enable-admin; add --enable-admin or drop it"},
    };
    for (String[] row : cases) {
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine commandLine = LeverCommand.commandLine();
      commandLine.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
      commandLine.setErr(new java.io.PrintWriter(err));

      int exitCode = commandLine.execute("serve", "--model", directory.toString(), "--port", "0", row[0], row[1]);

      assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, row[0]);
      assertEquals("lever serve: " + row[2], err.toString().trim());
    }
  }

  @Test
  void portAboveRangeNamesTheOption(@TempDir Path directory) {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
    commandLine.setErr(new java.io.PrintWriter(err));

    int exitCode = commandLine.execute("serve", "--model", directory.toString(), "--port", "70000");

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode);
    assertEquals("lever serve: --port must be at most 65535, got 70000", err.toString().trim());
  }

  @Test
  void bundleServerRejectsDatasetReload(@TempDir Path directory) throws Exception {
    Path bundle = Files.createDirectories(directory.resolve("bundle"));
    Files.writeString(bundle.resolve("manifest.json"), "{}");
    Path dataset = writeDataset(Files.createDirectories(directory.resolve("dataset")));

    io.leverxc.serving.ModelLoader guarded = ServeCommand.reloadGuard(bundle, ModelLoaders::load);
    BundleFormatException error = org.junit.jupiter.api.Assertions.assertThrows(
        BundleFormatException.class, () -> guarded.load(dataset));
    assertTrue(error.getMessage().startsWith(dataset + ": not a model bundle (no manifest.json)"), error.getMessage());
    Path absent = directory.resolve("absent");
    BundleFormatException missing = org.junit.jupiter.api.Assertions.assertThrows(
        BundleFormatException.class, () -> guarded.load(absent));
    assertEquals(absent + ": not found; give the path of a model bundle folder", missing.getMessage());

    // A server started with a data set folder may reload one.
    io.leverxc.serving.ModelLoader open = ServeCommand.reloadGuard(dataset, ModelLoaders::load);
    try (io.leverxc.model.LabelPredictor baseline = open.load(dataset)) {
      assertEquals(1, baseline.predict("a small flying bird", 1).get(0).id());
    }
  }

  @Test
  void foreignHostIsNamedOnOneLine(@TempDir Path directory) throws Exception {
    Path stderrFile = directory.resolve("stderr.txt");
    Path dataset = writeDataset(Files.createDirectories(directory.resolve("dataset")));
    // 192.0.2.1 belongs to a block reserved for documentation examples, so no interface here
    // should have it.
    Process process = startServe(stderrFile, "--model", dataset.toString(), "--host", "192.0.2.1", "--port", "0");
    try {
      assertTrue(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS), "lever serve did not exit");
      String stderr = Files.readString(stderrFile);
      assertEquals(2, process.exitValue(), stderr);
      assertTrue(stderr.contains("lever serve: cannot listen on 192.0.2.1:0: "), stderr);
      assertTrue(stderr.contains("; give --host as an address of this machine, such as 127.0.0.1 or 0.0.0.0."), stderr);
      assertFalse(stderr.contains("\tat "), stderr);
    } finally {
      process.destroyForcibly();
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Starts {@code lever serve}; stderr goes to a file so a full pipe can never block the child. */
  private static Process startServe(Path stderr, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add(LeverCommand.class.getName());
    command.add("serve");
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
  }

  /** Writes a tiny XC dataset folder. Label 1 is about birds, and every word occurs in two training texts. */
  private static Path writeDataset(Path directory) throws IOException {
    Files.write(directory.resolve("Y.txt"), List.of("dog: a domestic animal", "bird: a small flying animal", "oak: a large tree"));
    Files.write(directory.resolve("trn_X.txt"), List.of(
        "a domestic dog", "a domestic dog barks", "a small bird flying", "a small bird sings", "a large oak tree", "a large tree"));
    Files.write(directory.resolve("trn_X_Y.txt"), List.of("6 3", "0:1", "0:1", "1:1", "1:1", "2:1", "2:1"));
    return directory;
  }
}
