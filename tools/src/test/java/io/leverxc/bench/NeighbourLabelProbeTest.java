package io.leverxc.bench;

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
}
