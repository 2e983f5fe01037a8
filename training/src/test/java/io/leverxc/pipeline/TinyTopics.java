package io.leverxc.pipeline;

import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.XcDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny in-memory data set of four labels, each with its own four words: every document mixes
 * three words of one label, and each label text names two of them.
 */
final class TinyTopics {
  static final String[][] TOPICS = {
    {"apple", "pear", "orchard", "fruit"},
    {"engine", "wheel", "gearbox", "car"},
    {"river", "delta", "current", "water"},
    {"violin", "cello", "orchestra", "music"}
  };
  static final int DOCUMENTS_PER_LABEL = 12;

  private TinyTopics() {}

  /** Returns the data set, with {@code folder}/data created as its directory. */
  static XcDataset dataset(Path folder) throws IOException {
    Path dataFolder = Files.createDirectories(folder.resolve("data"));
    List<String> texts = new ArrayList<>();
    LabelMatrix.Builder labels = new LabelMatrix.Builder(TOPICS.length);
    for (int label = 0; label < TOPICS.length; label++) {
      String[] words = TOPICS[label];
      for (int i = 0; i < DOCUMENTS_PER_LABEL; i++) {
        texts.add(words[i % 4] + " " + words[(i + 1) % 4] + " " + words[(i + 2) % 4] + " item " + i);
        labels.addRow(new int[] {label}, new float[] {1f}, 1);
      }
    }
    List<String> labelTexts = new ArrayList<>();
    for (String[] words : TOPICS) {
      labelTexts.add(words[3] + ": " + words[0] + " " + words[1]);
    }
    return new XcDataset(dataFolder, texts, labels.build(), List.of(), null, labelTexts,
        FilterPairs.none(), FilterPairs.none());
  }
}
