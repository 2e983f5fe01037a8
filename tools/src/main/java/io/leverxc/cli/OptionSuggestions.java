package io.leverxc.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Finds the option or command names closest to a mistyped one, by edit distance with swapped
 * neighbours counted as one edit, so that "--modle", "--mdel" and "--dta" all lead to the intended
 * name.
 * picocli 4.7.7's own suggestions (a cosine similarity) offered nothing for "--mdel".
 */
final class OptionSuggestions {
  /** Largest edit distance that still counts as a slip of the intended name. */
  static final int MAX_EDITS = 2;

  private OptionSuggestions() {}

  /**
   * Returns the names of {@code options} at the smallest edit distance from {@code typed}, ignoring
   * case, in their given order. Returns none when even the closest needs more than
   * {@link #MAX_EDITS} edits, or more than one edit and as many as half the typed name's letters.
   * A value after "=" is ignored.
   */
  static List<String> closest(String typed, Collection<String> options) {
    String name = (typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed).toLowerCase(Locale.ROOT);
    int letters = name.replaceFirst("^-+", "").length();
    int limit = Math.min(MAX_EDITS, Math.max(1, (letters - 1) / 2));
    List<String> best = new ArrayList<>();
    int bestDistance = limit;
    for (String option : options) {
      int distance = distance(name, option.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best.clear();
        bestDistance = distance;
      }
      if (distance == bestDistance) {
        best.add(option);
      }
    }
    return best;
  }

  /**
   * Returns the number of single-letter insertions, deletions, substitutions and swaps of two
   * neighbouring letters that turn {@code a} into {@code b}, each letter taking part in one swap
   * at most (the optimal string alignment distance).
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int substitution = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + substitution);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
