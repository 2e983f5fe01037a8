package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Checks the help of every command, so that a new option cannot show a Java field name to the user. */
class HelpTextTest {
  /** A value shown as picocli's fallback, the field name in angle brackets, such as {@code --batch-size=<batchSize>}. */
  private static final Pattern FIELD_NAME_VALUE = Pattern.compile("=<[A-Za-z]+>");

  @Test
  void everyOptionValueHasAName() {
    List<String> offenders = new ArrayList<>();
    List<String> visited = new ArrayList<>();
    collect(LeverCommand.commandLine(), offenders, visited);

    assertTrue(visited.size() > 20, "expected every command and benchmark, visited " + visited);
    assertTrue(visited.contains("lever bench teacher"), visited.toString());
    assertEquals(List.of(), offenders, "options whose help shows a Java field name instead of a value name");
  }

  @Test
  void teacherBenchmarkPrintsItsDefaults() {
    String usage = LeverCommand.commandLine().getSubcommands().get("bench").getSubcommands().get("teacher")
        .getUsageMessage(CommandLine.Help.Ansi.OFF);

    assertTrue(usage.contains("Labels per batch (default: 512)."), usage);
    assertTrue(usage.contains("Triplet margin on cosines (default: 0.3)."), usage);
    assertTrue(usage.contains("First clustered epoch, 0-based (default: 5)."), usage);
  }

  @Test
  void versionNamesTheBuildThatBundlesRecord() {
    java.io.StringWriter out = new java.io.StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new java.io.PrintWriter(out));

    assertEquals(0, commandLine.execute("--version"));
    assertTrue(out.toString().startsWith("lever " + io.leverxc.bundle.LeverXcVersion.get() + " (Java "), out.toString());
  }

  private static void collect(CommandLine command, List<String> offenders, List<String> visited) {
    String name = command.getCommandSpec().qualifiedName();
    visited.add(name);
    Matcher matcher = FIELD_NAME_VALUE.matcher(command.getUsageMessage(CommandLine.Help.Ansi.OFF));
    while (matcher.find()) {
      offenders.add(name + " " + matcher.group());
    }
    for (CommandLine subcommand : command.getSubcommands().values()) {
      if (!visited.contains(subcommand.getCommandSpec().qualifiedName())) {
        collect(subcommand, offenders, visited);
      }
    }
  }
}
