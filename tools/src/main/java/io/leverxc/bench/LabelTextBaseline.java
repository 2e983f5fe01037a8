package io.leverxc.bench;

import io.leverxc.ann.Neighbors;
import io.leverxc.ann.TopK;
import io.leverxc.data.JsonLinesDatasetReader;
import io.leverxc.data.XcDataset;
import io.leverxc.eval.PredictionWriter;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench label-text-baseline}: predicts each test document's labels by the TF-IDF cosine
 * between its text and every label text, with no training. It gives a real, weak prediction file
 * for checking {@code lever evaluate} end to end on a label-feature data set.
 *
 * <p>Tokens are lower-cased runs of letters and digits; weights are {@code (1 + ln tf)·ln(L / df)}
 * with document frequencies counted over the label texts, and vectors are L2-normalised.
 */
@Command(
    name = "label-text-baseline",
    mixinStandardHelpOptions = true,
    header = "Write TF-IDF label-text nearest-neighbour predictions.",
    description = "Write TF-IDF label-text nearest-neighbour predictions for a data set's test split,"
        + " a reference input for 'lever evaluate'.")
public final class LabelTextBaseline implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(LabelTextBaseline.class);
  private static final int PROGRESS_INTERVAL_DOCUMENTS = 2_000;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Data set folder, in the raw-text layout (Y.txt, tst_X.txt, tst_X_Y.txt) or JSON lines (lbl.json,"
          + " tst.json).")
  Path dataFolder;

  @Option(
      names = "--json-text",
      paramLabel = "FIELDS",
      defaultValue = "title",
      description = "For a JSON-lines data set: the texts of documents and labels are the titles (title) or the title,"
          + " ': ' and the content (title-content), as in lever train. The raw-text layout ignores it."
          + " Default: ${DEFAULT-VALUE}.")
  String jsonText;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Prediction file to write.")
  Path output;

  @Option(names = {"--top", "--k"}, paramLabel = "K", defaultValue = "100", description = "Labels per document (default: ${DEFAULT-VALUE}).")
  int top;

  /** Sparse TF-IDF vectors of the label texts, stored as an inverted index from term to (label, weight). */
  private final Object2IntOpenHashMap<String> termIds = new Object2IntOpenHashMap<>();
  private final List<IntArrayList> postingLabels = new ArrayList<>();
  private final List<it.unimi.dsi.fastutil.floats.FloatArrayList> postingWeights = new ArrayList<>();
  private float[] inverseDocumentFrequency;

  @Override
  public Integer call() {
    if (top <= 0) {
      throw new IllegalArgumentException("--top (--k) must be positive, got " + top);
    }
    Path outputFolder = output.toAbsolutePath().getParent();
    if (outputFolder != null && java.nio.file.Files.isRegularFile(outputFolder.resolve("manifest.json"))) {
      throw new IllegalArgumentException("--out " + output + " is inside the model bundle " + outputFolder
          + "; a file written there could replace one of the bundle's, so choose another folder");
    }
    JsonLinesDatasetReader.TextFields fields;
    try {
      fields = JsonLinesDatasetReader.TextFields.fromOptionValue(jsonText);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--json-text must be title or title-content, found '" + jsonText + "'", e);
    }
    XcDataset dataset = XcDataset.load(dataFolder, fields);
    if (!dataset.hasTest()) {
      throw new IllegalArgumentException(
          dataFolder + " has no test split (tst_X.txt with tst_X_Y.txt, or tst.json); nothing to predict");
    }
    indexLabels(dataset.labelTexts());
    List<String> texts = dataset.testTexts();
    int labelCount = dataset.labelCount();
    predictAll(texts, labelCount);

    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Wrote %s: top %d labels for %,d test documents over %,d labels%n",
        output, top, texts.size(), labelCount);
    out.flush();
    return 0;
  }

  /** Writes the top labels of each text to {@link #output}. */
  private void predictAll(List<String> texts, int labelCount) {
    float[] scores = new float[labelCount];
    IntArrayList touched = new IntArrayList();
    TopK topK = new TopK(Math.min(top, labelCount));
    try (PredictionWriter writer = PredictionWriter.open(output, texts.size(), labelCount)) {
      for (int document = 0; document < texts.size(); document++) {
        scoreLabels(texts.get(document), scores, touched);
        topK.clear();
        for (int i = 0; i < touched.size(); i++) {
          int label = touched.getInt(i);
          topK.offer(label, scores[label]);
          scores[label] = 0;
        }
        touched.clear();
        Neighbors best = topK.toNeighbors();
        writer.writeRow(best.ids(), best.scores(), best.ids().length);
        if ((document + 1) % PROGRESS_INTERVAL_DOCUMENTS == 0) {
          LOG.info("Predicted {} of {} test documents", document + 1, texts.size());
        }
      }
    }
  }

  private void indexLabels(List<String> labelTexts) {
    List<Object2IntOpenHashMap<String>> counts = new ArrayList<>();
    Object2IntOpenHashMap<String> documentFrequency = new Object2IntOpenHashMap<>();
    for (String text : labelTexts) {
      Object2IntOpenHashMap<String> termCounts = termCounts(text);
      counts.add(termCounts);
      for (String term : termCounts.keySet()) {
        documentFrequency.addTo(term, 1);
      }
    }
    for (String term : documentFrequency.keySet()) {
      termIds.put(term, termIds.size());
      postingLabels.add(new IntArrayList());
      postingWeights.add(new it.unimi.dsi.fastutil.floats.FloatArrayList());
    }
    inverseDocumentFrequency = new float[termIds.size()];
    for (var entry : documentFrequency.object2IntEntrySet()) {
      inverseDocumentFrequency[termIds.getInt(entry.getKey())] =
          (float) Math.log((double) labelTexts.size() / entry.getIntValue());
    }
    for (int label = 0; label < labelTexts.size(); label++) {
      Object2IntOpenHashMap<String> termCounts = counts.get(label);
      double norm = 0;
      for (var entry : termCounts.object2IntEntrySet()) {
        double weight = weight(entry.getIntValue(), termIds.getInt(entry.getKey()));
        norm += weight * weight;
      }
      norm = Math.sqrt(norm);
      for (var entry : termCounts.object2IntEntrySet()) {
        int term = termIds.getInt(entry.getKey());
        if (norm > 0) {
          postingLabels.get(term).add(label);
          postingWeights.get(term).add((float) (weight(entry.getIntValue(), term) / norm));
        }
      }
    }
    LOG.info("Indexed {} label texts with {} distinct terms", labelTexts.size(), termIds.size());
  }

  private double weight(int termFrequency, int term) {
    return (1 + Math.log(termFrequency)) * inverseDocumentFrequency[term];
  }

  /** Adds the cosine of the text with each label sharing a term into {@code scores}, listing those labels in {@code touched}. */
  private void scoreLabels(String text, float[] scores, IntArrayList touched) {
    Object2IntOpenHashMap<String> termCounts = termCounts(text);
    double norm = 0;
    for (var entry : termCounts.object2IntEntrySet()) {
      int term = termIds.getOrDefault(entry.getKey(), -1);
      if (term >= 0) {
        double weight = weight(entry.getIntValue(), term);
        norm += weight * weight;
      }
    }
    if (norm == 0) {
      return;
    }
    norm = Math.sqrt(norm);
    for (var entry : termCounts.object2IntEntrySet()) {
      int term = termIds.getOrDefault(entry.getKey(), -1);
      if (term < 0) {
        continue;
      }
      float queryWeight = (float) (weight(entry.getIntValue(), term) / norm);
      IntArrayList labels = postingLabels.get(term);
      var weights = postingWeights.get(term);
      for (int i = 0; i < labels.size(); i++) {
        int label = labels.getInt(i);
        if (scores[label] == 0) {
          touched.add(label);
        }
        scores[label] += queryWeight * weights.getFloat(i);
      }
    }
  }

  private static Object2IntOpenHashMap<String> termCounts(String text) {
    Object2IntOpenHashMap<String> counts = new Object2IntOpenHashMap<>();
    String lower = text.toLowerCase(Locale.ROOT);
    int start = -1;
    for (int i = 0; i <= lower.length(); i++) {
      boolean wordCharacter = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
      if (wordCharacter && start < 0) {
        start = i;
      } else if (!wordCharacter && start >= 0) {
        counts.addTo(lower.substring(start, i), 1);
        start = -1;
      }
    }
    return counts;
  }
}
