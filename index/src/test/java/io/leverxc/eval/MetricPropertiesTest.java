package io.leverxc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MetricPropertiesTest {
  private static final int[] KS = {1, 3, 5};
  private static final double TOLERANCE = 1e-9;

  /** A random test set: truth rows of 0 to 6 labels, train frequencies 0 to 50 of 60 documents. */
  private record Case(LabelMatrix truth, Propensity propensity, int[][] randomRanked) {}

  private static Case randomCase(long seed, int documents, int labels) {
    Random random = new Random(seed);
    LabelMatrix.Builder builder = new LabelMatrix.Builder(labels);
    int[][] ranked = new int[documents][];
    for (int document = 0; document < documents; document++) {
      int[] row = distinctLabels(random, labels, random.nextInt(Math.min(7, labels + 1)));
      float[] ones = new float[row.length];
      Arrays.fill(ones, 1f);
      builder.addRow(row, ones, row.length);
      ranked[document] = distinctLabels(random, labels, random.nextInt(Math.min(8, labels + 1)));
    }
    int[] frequencies = IntStream.range(0, labels).map(label -> random.nextInt(51)).toArray();
    return new Case(builder.build(), Propensity.fromFrequencies(frequencies, 60, PropensityConstants.DEFAULT), ranked);
  }

  private static int[] distinctLabels(Random random, int labels, int count) {
    List<Integer> all = new ArrayList<>(IntStream.range(0, labels).boxed().toList());
    java.util.Collections.shuffle(all, random);
    return all.subList(0, count).stream().mapToInt(Integer::intValue).toArray();
  }

  /** Ranks each document's truth labels by decreasing inverse propensity, the best ranking for PSP. */
  private static int[][] idealRanking(Case testCase) {
    LabelMatrix truth = testCase.truth();
    int[][] ranked = new int[truth.rows()][];
    for (int document = 0; document < truth.rows(); document++) {
      Integer[] row = new Integer[truth.rowSize(document)];
      for (int i = 0; i < row.length; i++) {
        row[i] = truth.label(truth.rowStart(document) + i);
      }
      Arrays.sort(row, Comparator.comparingDouble((Integer label) -> -testCase.propensity().inverse(label)));
      ranked[document] = Arrays.stream(row).mapToInt(Integer::intValue).toArray();
    }
    return ranked;
  }

  @Property(tries = 60)
  void normalisedMetricsLieInUnitInterval(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int documents, @ForAll @IntRange(min = 1, max = 12) int labels) {
    Case testCase = randomCase(seed, documents, labels);

    EvaluationResult result =
        Evaluation.evaluate(testCase.truth(), testCase.randomRanked(), testCase.propensity(), FilterPairs.none(), KS);

    for (Map.Entry<String, Double> metric : result.metrics().entrySet()) {
      if (!metric.getKey().endsWith("_unnormalised")) {
        assertTrue(metric.getValue() >= 0, metric.toString());
        assertTrue(metric.getValue() <= 1 + TOLERANCE, metric.toString());
      }
    }
  }

  @Property(tries = 60)
  void perfectRankingReachesBestValues(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int documents, @ForAll @IntRange(min = 1, max = 12) int labels) {
    Case testCase = randomCase(seed, documents, labels);
    LabelMatrix truth = testCase.truth();

    EvaluationResult result =
        Evaluation.evaluate(truth, idealRanking(testCase), testCase.propensity(), FilterPairs.none(), KS);

    boolean anyPositive = truth.nonZeros() > 0;
    for (int k : KS) {
      double precision = 0;
      double recall = 0;
      double withLabels = 0;
      for (int document = 0; document < truth.rows(); document++) {
        int size = truth.rowSize(document);
        precision += (double) Math.min(k, size) / k;
        recall += (double) Math.min(k, size) / Math.max(size, 1);
        withLabels += size > 0 ? 1 : 0;
      }
      assertEquals(precision / documents, result.metric("P@" + k), TOLERANCE);
      assertEquals(recall / documents, result.metric("R@" + k), TOLERANCE);
      assertEquals(withLabels / documents, result.metric("nDCG@" + k), TOLERANCE);
      assertEquals(anyPositive ? 1.0 : 0.0, result.metric("PSP@" + k), TOLERANCE);
      assertEquals(anyPositive ? 1.0 : 0.0, result.metric("PSnDCG@" + k), TOLERANCE);
    }
  }

  @Property(tries = 40)
  void groupContributionsSumToTotals(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int documents, @ForAll @IntRange(min = 1, max = 12) int labels) {
    Case testCase = randomCase(seed, documents, labels);

    EvaluationResult result =
        Evaluation.evaluate(testCase.truth(), testCase.randomRanked(), testCase.propensity(), FilterPairs.none(), KS);

    for (List<EvaluationResult.GroupContribution> partition : List.of(result.bins(), result.buckets())) {
      for (int k : KS) {
        for (String metric : List.of("P@" + k, "R@" + k)) {
          double sum = partition.stream().mapToDouble(group -> group.contribution(metric)).sum();
          assertEquals(result.metric(metric), sum, TOLERANCE, metric);
        }
      }
      long positives = partition.stream().mapToLong(group -> group.group().testPositives()).sum();
      assertEquals(testCase.truth().nonZeros(), positives);
    }
  }

  @Property(tries = 25)
  void streamedFileMatchesMemory(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int documents, @ForAll @IntRange(min = 1, max = 12) int labels)
      throws IOException {
    Case testCase = randomCase(seed, documents, labels);
    Path folder = Files.createTempDirectory("lever-eval-property");
    try {
      Path file = folder.resolve("predictions.txt");
      try (PredictionWriter writer = PredictionWriter.open(file, documents, labels)) {
        for (int[] ranked : testCase.randomRanked()) {
          // Scores fall with rank; the row is written in reverse to check that the reader re-ranks.
          int[] reversed = new int[ranked.length];
          float[] scores = new float[ranked.length];
          for (int i = 0; i < ranked.length; i++) {
            reversed[i] = ranked[ranked.length - 1 - i];
            scores[i] = (i + 1) / 16f;
          }
          writer.writeRow(reversed, scores, ranked.length);
        }
      }

      EvaluationResult fromFile =
          Evaluation.evaluateFile(file, testCase.truth(), testCase.propensity(), FilterPairs.none(), KS);
      EvaluationResult fromMemory =
          Evaluation.evaluate(testCase.truth(), testCase.randomRanked(), testCase.propensity(), FilterPairs.none(), KS);

      assertEquals(fromMemory.metrics(), fromFile.metrics());
      assertEquals(fromMemory.bins(), fromFile.bins());
    } finally {
      try (var files = Files.list(folder)) {
        for (Path path : files.toList()) {
          Files.delete(path);
        }
      }
      Files.delete(folder);
    }
  }

  @Property(tries = 40)
  void bootstrapObservedDifferenceEqualsResults(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int documents, @ForAll @IntRange(min = 1, max = 12) int labels) {
    Case testCase = randomCase(seed, documents, labels);
    int[][] ideal = idealRanking(testCase);

    Evaluation.WithDocumentScores random = Evaluation.evaluateWithDocumentScores(
        testCase.truth(), testCase.randomRanked(), testCase.propensity(), FilterPairs.none(), KS);
    Evaluation.WithDocumentScores best = Evaluation.evaluateWithDocumentScores(
        testCase.truth(), ideal, testCase.propensity(), FilterPairs.none(), KS);
    List<PairedBootstrap.Difference> differences =
        new PairedBootstrap(testCase.truth(), 100, seed, 2).compare(random.documents(), best.documents());

    assertEquals(3 * KS.length, differences.size());
    for (PairedBootstrap.Difference difference : differences) {
      String metric = difference.metric();
      assertEquals(best.result().metric(metric) - random.result().metric(metric), difference.difference(), TOLERANCE, metric);
      assertTrue(difference.lower() <= difference.upper(), difference.toString());
    }
  }
}
