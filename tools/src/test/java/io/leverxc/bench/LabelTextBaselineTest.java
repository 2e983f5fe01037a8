package io.leverxc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LabelTextBaselineTest {
  @TempDir Path folder;

  /** Writes a JSON-lines data set whose test document shares words with label 1 in its content only. */
  @BeforeEach
  void writeDataset() throws Exception {
    Files.writeString(folder.resolve("lbl.json"), """
        {"uid": "a", "title": "apple", "content": "fruit orchard"}
        {"uid": "r", "title": "river", "content": "water stream"}
        {"uid": "s", "title": "stone", "content": "granite rock"}
        """);
    Files.writeString(folder.resolve("trn.json"), """
        {"uid": 1, "title": "pear", "content": "orchard", "target_ind": [0]}
        """);
    Files.writeString(folder.resolve("tst.json"), """
        {"uid": 2, "title": "boat", "content": "stream water", "target_ind": [1]}
        """);
  }

  private String[] run(String... options) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new LabelTextBaseline());
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(options);
    return new String[] {Integer.toString(exitCode), err.toString()};
  }

  @Test
  void titleContentMatchesContentWords() throws Exception {
    Path out = folder.resolve("pred.txt");

    String[] result = run("--data", folder.toString(), "--out", out.toString(), "--json-text", "title-content");

    assertEquals("0", result[0], result[1]);
    List<String> lines = Files.readAllLines(out);
    assertEquals("1 3", lines.get(0));
    assertTrue(lines.get(1).startsWith("1:"), lines.get(1));
  }

  @Test
  void titlesAloneShareNoWord() throws Exception {
    Path out = folder.resolve("pred.txt");

    String[] result = run("--data", folder.toString(), "--out", out.toString());

    assertEquals("0", result[0], result[1]);
    assertEquals(List.of("1 3", ""), Files.readAllLines(out));
  }

  @Test
  void outputInsideBundleIsRejected() throws Exception {
    Path bundle = java.nio.file.Files.createDirectories(folder.resolve("model"));
    Path manifest = java.nio.file.Files.writeString(bundle.resolve("manifest.json"), "{}");

    String[] result = run("--data", folder.toString(), "--out", manifest.toString());

    assertEquals("1", result[0], result[1]);
    assertTrue(result[1].contains("is inside the model bundle"), result[1]);
    assertEquals("{}", java.nio.file.Files.readString(manifest));
  }

  @Test
  void unknownFieldsAreNamed() {
    String[] result = run("--data", folder.toString(), "--out", folder.resolve("p").toString(), "--json-text", "body");

    assertEquals("1", result[0], result[1]);
    assertTrue(result[1].contains("--json-text must be title or title-content, found 'body'"), result[1]);
  }
}
