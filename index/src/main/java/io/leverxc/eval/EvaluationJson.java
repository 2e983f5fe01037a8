package io.leverxc.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leverxc.data.TemporaryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Converts evaluation results to JSON. One result becomes
 * {@code {"k": [...], "metrics": {...}, "bins": [...], "buckets": [...], "n_docs": ..., "n_labels": ...,
 * "n_test_labels": ..., "propensity": {"A": ..., "B": ...}, ...}} with every metric a fraction in
 * [0, 1]. Several named results become {@code {"models": [{"name": ..., <one result>}, ...]}},
 * followed by {@code "comparisons"} when paired bootstrap comparisons are given: per comparison the
 * two names, the resample count, seed and confidence, and per metric the difference (second − first)
 * with the interval's {@code lower} and {@code upper} bounds, as fractions.
 */
public final class EvaluationJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvaluationJson() {}

  /** Returns the JSON object of one result. */
  public static ObjectNode toJson(EvaluationResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode ks = root.putArray("k");
    for (int k : result.ks()) {
      ks.add(k);
    }
    ObjectNode metrics = root.putObject("metrics");
    result.metrics().forEach(metrics::put);
    root.set("bins", groups(result.bins()));
    root.set("buckets", groups(result.buckets()));
    root.put("n_docs", result.documents());
    root.put("n_labels", result.labels());
    root.put("n_test_labels", result.testLabels());
    ObjectNode propensity = root.putObject("propensity");
    propensity.put("A", result.propensity().a());
    propensity.put("B", result.propensity().b());
    root.put("documents_with_fewer_than_max_k", result.documentsWithFewerThanMaxK());
    root.put("filtered_predictions", result.filteredPredictions());
    return root;
  }

  /** Returns the JSON object of one paired bootstrap comparison. */
  public static ObjectNode toJson(PairedBootstrap.Comparison comparison) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("first", comparison.first());
    node.put("second", comparison.second());
    node.put("resamples", comparison.resamples());
    node.put("seed", comparison.seed());
    node.put("confidence", PairedBootstrap.CONFIDENCE);
    ObjectNode differences = node.putObject("differences");
    for (PairedBootstrap.Difference difference : comparison.differences()) {
      ObjectNode metric = differences.putObject(difference.metric());
      metric.put("difference", difference.difference());
      metric.put("lower", difference.lower());
      metric.put("upper", difference.upper());
    }
    return node;
  }

  private static ArrayNode groups(List<EvaluationResult.GroupContribution> groups) {
    ArrayNode array = MAPPER.createArrayNode();
    for (EvaluationResult.GroupContribution contribution : groups) {
      LabelGroups.Group group = contribution.group();
      ObjectNode node = array.addObject();
      node.put("name", group.name());
      node.put("min_train_frequency", group.minTrainFrequency());
      node.put("max_train_frequency", group.maxTrainFrequency());
      node.put("labels", group.labelCount());
      node.put("test_positives", group.testPositives());
      contribution.contributions().forEach(node::put);
    }
    return array;
  }

  /**
   * Writes one result, or several named ones under {@code "models"} when there is more than one,
   * to a temporary file renamed onto {@code target}.
   *
   * @throws UncheckedIOException if writing fails
   */
  public static void write(Path target, Map<String, EvaluationResult> namedResults) {
    write(target, namedResults, List.of());
  }

  /**
   * Writes several named results and the paired bootstrap comparisons between them to a temporary
   * file renamed onto {@code target}.
   *
   * @throws IllegalArgumentException if comparisons are given for a single result
   * @throws UncheckedIOException if writing fails
   */
  public static void write(
      Path target, Map<String, EvaluationResult> namedResults, List<PairedBootstrap.Comparison> comparisons) {
    if (namedResults.size() == 1 && !comparisons.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs two named results, got one");
    }
    Object document;
    if (namedResults.size() == 1) {
      document = toJson(namedResults.values().iterator().next());
    } else {
      ObjectNode root = MAPPER.createObjectNode();
      ArrayNode models = root.putArray("models");
      namedResults.forEach((name, result) -> {
        ObjectNode model = models.addObject();
        model.put("name", name);
        model.setAll(toJson(result));
      });
      if (!comparisons.isEmpty()) {
        ArrayNode array = root.putArray("comparisons");
        comparisons.forEach(comparison -> array.add(toJson(comparison)));
      }
      document = root;
    }
    Path folder = target.toAbsolutePath().getParent();
    try {
      Path temporary = TemporaryFiles.createBeside(target);
      try {
        MAPPER.writeValue(temporary.toFile(), document);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target + " failed: " + e.getMessage(), e);
    }
  }
}
