package io.leverxc.bench;

import io.leverxc.data.TextLinesReader;
import io.leverxc.data.XcFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Texts of an XC data set for the text feature benchmarks: all training and label texts to fit on,
 * and the training texts of at least a given length, cut to about that length, to measure feature
 * extraction on. Shorter texts are left out so that the measured texts have nearly equal length.
 */
public record FeatureBenchTexts(List<String> fitTexts, List<String> shortTexts) {

  /**
   * Loads {@code trn_X.txt} and {@code Y.txt} from {@code dataset}. The short texts are the
   * training texts of at least {@code maxChars} UTF-16 code units, cut at the last space at or
   * before {@code maxChars}.
   *
   * @throws IllegalArgumentException if no training text is that long, or the folder is in the
   *     JSON-lines layout
   */
  public static FeatureBenchTexts load(Path dataset, int maxChars) {
    if (XcFiles.resolveOptional(dataset, "trn_X.txt") == null && XcFiles.resolveOptional(dataset, "trn.json") != null) {
      throw new IllegalArgumentException(dataset + " is in the JSON-lines layout (trn.json), and lever bench features"
          + " reads the raw-text layout only (trn_X.txt and Y.txt); give a data set in that layout");
    }
    List<String> trainTexts = TextLinesReader.read(XcFiles.resolve(dataset, "trn_X.txt"), -1);
    List<String> labelTexts = TextLinesReader.read(XcFiles.resolve(dataset, "Y.txt"), -1);
    List<String> fitTexts = new ArrayList<>(trainTexts.size() + labelTexts.size());
    fitTexts.addAll(trainTexts);
    fitTexts.addAll(labelTexts);
    List<String> shortTexts = new ArrayList<>(trainTexts.size());
    for (String text : trainTexts) {
      if (text.length() >= maxChars) {
        shortTexts.add(cut(text, maxChars));
      }
    }
    if (shortTexts.isEmpty()) {
      throw new IllegalArgumentException(
          "no training text in " + dataset + " has at least " + maxChars + " characters; lower the text length");
    }
    return new FeatureBenchTexts(List.copyOf(fitTexts), List.copyOf(shortTexts));
  }

  /** Returns {@code text} cut at the last space at or before {@code maxChars}, or hard at maxChars. */
  static String cut(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int space = text.lastIndexOf(' ', maxChars);
    return text.substring(0, space > 0 ? space : maxChars);
  }

  /** Mean length of the short texts in UTF-16 code units. */
  public double meanShortTextChars() {
    long total = 0;
    for (String text : shortTexts) {
      total += text.length();
    }
    return (double) total / shortTexts.size();
  }
}
