package io.leverxc.cli;

import io.leverxc.data.JsonLinesDatasetReader;
import io.leverxc.data.XcDataset;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --json-text} option of the benchmarks that read a data set without a model: which
 * JSON-lines fields are a text. A benchmark that reads a model's data set follows the choice the
 * model's bundle records instead.
 */
final class JsonTextOption {
  /** The command this option is mixed into; null when it is built in code. */
  @Spec(Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  @Option(
      names = "--json-text",
      paramLabel = "FIELDS",
      defaultValue = "title",
      description = "For a JSON-lines data set (lbl.json, trn.json, tst.json): the texts of documents and labels are "
          + "the titles (title) or the title, ': ' and the content (title-content), as in lever train. The raw-text "
          + "layout ignores it. Default: ${DEFAULT-VALUE}.")
  String value = "title";

  /**
   * Loads {@code folder} with the fields this option names.
   *
   * @throws IllegalArgumentException naming the option when its value is not a known choice
   */
  XcDataset load(Path folder) {
    return DataSets.load(folder, fields(value), given());
  }

  /**
   * Returns the fields that a value of {@code --json-text} names.
   *
   * @throws IllegalArgumentException naming the option when the value is not a known choice
   */
  static JsonLinesDatasetReader.TextFields fields(String value) {
    try {
      return JsonLinesDatasetReader.TextFields.fromOptionValue(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--json-text must be title or title-content, found '" + value + "'", e);
    }
  }

  private boolean given() {
    if (mixee == null || mixee.commandLine() == null) {
      return false;
    }
    CommandLine.ParseResult parsed = mixee.commandLine().getParseResult();
    return parsed != null && parsed.hasMatchedOption("--json-text");
  }
}
