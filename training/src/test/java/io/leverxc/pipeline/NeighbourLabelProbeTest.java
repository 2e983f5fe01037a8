package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.data.LabelMatrix;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourLabelProbeTest {
  private static LabelMatrix matrix(int labels, int[]... rows) {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(labels);
    for (int[] row : rows) {
      float[] ones = new float[row.length];
      Arrays.fill(ones, 1f);
      builder.addRow(row, ones, row.length);
    }
    return builder.build();
  }

  @Test
  void precisionOfTwoNearestNeighbours() {
    List<String> trainTexts = List.of("red apple fruit", "green apple fruit", "blue whale ocean");
    LabelMatrix trainLabels = matrix(3, new int[] {0}, new int[] {0, 1}, new int[] {2});
    TfidfFeaturizer featurizer =
        TfidfFeaturizer.fit(FeatureSettings.builder().minDocumentFrequency(1).build(), trainTexts, 1);
    NeighbourLabelProbe probe = new NeighbourLabelProbe(featurizer, trainTexts, trainLabels);

    // "apple fruit" is near both fruit documents, so label 0 scores their summed similarity and
    // ranks first, a hit. Label 1 ranks second, a miss. "whale" only reaches the whale document,
    // whose label 2 is a miss. P@1 = 1/2, and P@5 = 1 hit in 2 * 5 slots.
    List<String> testTexts = List.of("apple fruit", "whale");
    LabelMatrix testLabels = matrix(3, new int[] {0}, new int[] {1});
    NeighbourLabelProbe.Result result =
        probe.evaluate(featurizer, testTexts, testLabels, (document, label) -> false, 1, 2);

    assertEquals(2, result.documents());
    assertEquals(0.5, result.precisionAt1(), 1e-12);
    assertEquals(0.1, result.precisionAt5(), 1e-12);
  }

  @Test
  void strideSkipsDocuments() {
    List<String> trainTexts = List.of("red apple", "blue whale");
    LabelMatrix trainLabels = matrix(2, new int[] {0}, new int[] {1});
    TfidfFeaturizer featurizer =
        TfidfFeaturizer.fit(FeatureSettings.builder().minDocumentFrequency(1).build(), trainTexts, 1);
    NeighbourLabelProbe probe = new NeighbourLabelProbe(featurizer, trainTexts, trainLabels);

    // Rows 0 and 2 are evaluated, both hits.
    List<String> testTexts = List.of("apple", "apple", "whale");
    LabelMatrix testLabels = matrix(2, new int[] {0}, new int[] {1}, new int[] {1});
    NeighbourLabelProbe.Result result =
        probe.evaluate(featurizer, testTexts, testLabels, (document, label) -> false, 2, 1);

    assertEquals(2, result.documents());
    assertEquals(1.0, result.precisionAt1(), 1e-12);
  }

  @Test
  void topIndicesMatchesAFullSort() {
    java.util.Random random = new java.util.Random(11);
    for (int trial = 0; trial < 2000; trial++) {
      int size = 1 + random.nextInt(trial % 2 == 0 ? 40 : 300);
      float[] scores = new float[size];
      for (int i = 0; i < size; i++) {
        // Few distinct values, so that ties are common.
        scores[i] = random.nextInt(6) - 2.5f * random.nextInt(2);
      }
      int count = random.nextInt(size + 1);
      int[] candidates = new java.util.Random(trial).ints(0, size).distinct().limit(count).toArray();
      count = candidates.length;
      // Both selection paths: insertion up to k = 64, a full sort above.
      int k = 1 + random.nextInt(trial % 2 == 0 ? 12 : 200);
      Integer[] order = java.util.Arrays.stream(candidates).boxed().toArray(Integer[]::new);
      java.util.Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : a - b);
      int[] expected = java.util.Arrays.stream(order).limit(k).mapToInt(Integer::intValue).toArray();
      assertArrayEquals(expected, NeighbourLabelProbe.topIndices(scores, candidates, count, k), "trial " + trial);
    }
  }

  @Test
  void threadsDoNotChangeTheResult() {
    List<String> trainTexts = new java.util.ArrayList<>();
    LabelMatrix.Builder labels = new LabelMatrix.Builder(4);
    String[] words = {"apple", "whale", "engine", "violin"};
    for (int i = 0; i < 40; i++) {
      trainTexts.add(words[i % 4] + " thing " + (i % 7) + " " + words[(i / 4) % 4]);
      labels.addRow(new int[] {i % 4}, new float[] {1f}, 1);
    }
    LabelMatrix trainLabels = labels.build();
    TfidfFeaturizer featurizer =
        TfidfFeaturizer.fit(FeatureSettings.builder().minDocumentFrequency(1).build(), trainTexts, 1);
    NeighbourLabelProbe probe = new NeighbourLabelProbe(featurizer, trainTexts, trainLabels);
    NeighbourLabelProbe.Result oneThread = probe.evaluate(featurizer, trainTexts, trainLabels, (d, l) -> false, 3, 5, 1);
    NeighbourLabelProbe.Result threeThreads = probe.evaluate(featurizer, trainTexts, trainLabels, (d, l) -> false, 3, 5, 3);
    assertEquals(14, oneThread.documents());
    assertEquals(Math.round(oneThread.precisionAt1() * 14), oneThread.firstLabelHits().cardinality());
    assertEquals(oneThread, threeThreads);
  }
}
