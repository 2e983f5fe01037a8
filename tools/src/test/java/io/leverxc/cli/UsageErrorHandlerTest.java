package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UsageErrorHandlerTest {

  /** Runs the command line and returns its exit code and the first line of its error output. */
  private static String[] run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new String[] {Integer.toString(exitCode), err.toString().lines().findFirst().orElse(""), err.toString()};
  }

  @Test
  void unknownOptionNamesNestedCommand() {
    String[] result = run("bench", "document-graph", "--model", "m", "--data", "d", "--bogus");

    assertEquals("2", result[0]);
    assertEquals("lever bench document-graph: unknown option '--bogus'", result[1]);
    assertTrue(result[2].contains("Usage: lever bench document-graph"), result[2]);
    assertTrue(result[2].contains("Run 'lever bench document-graph --help' for what each option sets."), result[2]);
    assertFalse(result[2].contains("Show this help message"), "the option list is not repeated: " + result[2]);
  }

  @Test
  void wrongValueTypeNamesCommand() {
    String[] result = run("predict", "--model", "m", "--input", "i", "--out", "o", "--k", "many");

    assertEquals("2", result[0]);
    assertTrue(result[1].startsWith("lever predict: Invalid value for option '--k'"), result[1]);
  }

  @Test
  void mistypedCommandGetsSuggestion() {
    String[] result = run("bench", "validaton");

    assertEquals("2", result[0]);
    assertEquals("lever bench: unknown command 'validaton' (did you mean 'lever bench validation'?)", result[1]);
  }

  @Test
  void commandWithSubcommandsPointsToThem() {
    String[] result = run("bench", "--bogus");

    assertEquals("2", result[0]);
    assertTrue(result[2].contains("Run 'lever bench --help' for its commands and options."), result[2]);
  }

  @Test
  void unknownOptionComesBeforeMissingOne() {
    String[] result = run("train", "--bogus", "d", "--out", "m");
    String[] lines = result[2].split("\\R");

    assertEquals("2", result[0]);
    assertEquals("lever train: unknown option '--bogus'", lines[0]);
    assertEquals("lever train: missing required option --data", lines[1]);
  }

  @Test
  void suggestedOptionIsNotAlsoMissing() {
    String[] result = run("train", "--dta", "d", "--out", "m");
    String[] lines = result[2].split("\\R");

    assertEquals("2", result[0]);
    assertEquals("lever train: unknown option '--dta' (did you mean --data?)", lines[0]);
    assertEquals(1, lines.length, result[2]);
  }

  @Test
  void unknownOptionBesideMissingGetsSuggestion() {
    String[] result = run("train", "--threds", "2", "--out", "m");
    String[] lines = result[2].split("\\R");

    assertEquals("2", result[0]);
    assertEquals("lever train: unknown option '--threds' (did you mean --threads?)", lines[0]);
    assertEquals("lever train: missing required option --data", lines[1]);
  }

  @Test
  void eachUnknownOptionGetsItsOwnSuggestion() {
    String[] result = run("predict", "--mdel", "../m", "--out", "o", "--inptu", "texts.txt", "--bogus", "x");

    assertEquals("2", result[0]);
    assertEquals(
        "lever predict: unknown options '--mdel' (did you mean --model?), '--inptu' (did you mean --input?), '--bogus'",
        result[1]);
  }

  @Test
  void mistypedCommandBeforeOptionsGetsSuggestion() {
    String[] result = run("predcit", "--model", "m");

    assertEquals("2", result[0]);
    assertEquals("lever: unknown command 'predcit' (did you mean 'lever predict'?)", result[1]);
    assertEquals(1, result[2].lines().count(), "the suggestion is enough: " + result[2]);
  }

  @Test
  void unknownCommandWithoutCloseNameShowsUsage() {
    String[] result = run("frobnicate");

    assertEquals("2", result[0]);
    assertEquals("lever: unknown command 'frobnicate'", result[1]);
    assertTrue(result[2].contains("Run 'lever --help' for its commands and options."), result[2]);
  }

  @Test
  void negativeNumberIsTakenAsValue() {
    String[] result = run("train", "--data", "d", "--out", "o", "--sed", "-5");

    assertEquals("lever train: unknown option '--sed' (did you mean --seed?)", result[1]);
  }

  @Test
  void argumentsAfterDoubleDashAreWords() {
    String[] result = run("predict", "--model", "m", "--out", "o", "--", "--k", "5");

    assertEquals("lever predict: unexpected arguments '--k', '5' (this command takes options only)", result[1]);
  }

  @Test
  void wordAfterOptionWithValueIsNamed() {
    String[] result = run("predict", "--modle=m", "extra", "--out", "o");

    assertEquals("lever predict: unknown option '--modle=m' (did you mean --model?); unexpected argument 'extra'"
        + " (this command takes options only)", result[1]);
  }

  @Test
  void negatedFlagGetsSuggestion() {
    String[] result = run("demo", "--no-basline");

    assertEquals("lever demo: unknown option '--no-basline' (did you mean --no-baseline?)", result[1]);
  }

  @Test
  void missingOptionAloneIsOneLine() {
    String[] result = run("predict", "--out", "o");

    assertEquals("lever predict: missing required option --model", result[1]);
  }

  @Test
  void optionBeforeCommandNameIsNamed() {
    String[] result = run("--model", "m", "predict", "--out", "o");
    String[] lines = result[2].split("\\R");

    assertEquals("2", result[0]);
    assertEquals("lever predict: '--model', 'm' were given before the command name and not read; put options after"
        + " 'lever predict'", lines[0]);
    assertEquals("lever predict: missing required option --model", lines[1]);
  }

  @Test
  void unknownTopLevelOptionIsNamedAlone() {
    String[] result = run("--modle", "x", "predict", "--model", "m", "--out", "o");

    assertEquals("lever: unknown option '--modle'", result[1]);
  }

  @Test
  void strayArgumentIsNamed() {
    String[] result = run("predict", "extra", "--mdel", "m", "--out", "o");

    assertEquals(
        "lever predict: unknown option '--mdel' (did you mean --model?); unexpected argument 'extra' (this command"
            + " takes options only)", result[1]);
  }
}
