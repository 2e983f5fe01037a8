package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.LabelMatrix;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidationBenchCommandTest {
  @TempDir Path folder;

  @Test
  void recallCountsTrueLabelsAmongRanked() {
    LabelMatrix truth = new LabelMatrix.Builder(6)
        .addRow(new int[] {1, 3}, new float[] {1f, 1f}, 2)
        .addRow(new int[0], new float[0], 0)
        .build();

    assertEquals(1.0, ValidationBenchCommand.recallOf(truth, 0, new int[] {3, 5, 1}));
    assertEquals(0.5, ValidationBenchCommand.recallOf(truth, 0, new int[] {5, 3}));
    assertEquals(0.0, ValidationBenchCommand.recallOf(truth, 0, new int[] {5}));
    assertEquals(0.0, ValidationBenchCommand.recallOf(truth, 1, new int[] {1}));
  }

  @Test
  void separableTopicsScorePerfectly() throws Exception {
    // All six topics labelled: a document without labels would count as a miss at P@1.
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 6);
    Path bundle = folder.resolve("model");
    trainSmall(data, bundle);

    StringWriter report = new StringWriter();
    int status = run(report, "bench", "validation", "--model", bundle.toString(), "--data", data.toString(), "-k", "1");

    assertEquals(0, status, report.toString());
    // Every document carries one label and its topic's words, so the first label is always right.
    assertTrue(report.toString().contains("top 1: P@1 100.00"), report.toString());
    assertTrue(report.toString().contains("R@1 100.00"), report.toString());

    StringWriter classifierReport = new StringWriter();
    int classifierStatus = run(classifierReport, "bench", "validation", "--model", bundle.toString(), "--data",
        data.toString(), "-k", "1", "--scorer", "classifier");
    StringWriter wideReport = new StringWriter();
    int wideStatus =
        run(wideReport, "bench", "validation", "--model", bundle.toString(), "--data", data.toString(), "-k", "100000");

    assertEquals(0, classifierStatus, classifierReport.toString());
    assertTrue(classifierReport.toString().contains("classifier scorer"), classifierReport.toString());
    assertTrue(classifierReport.toString().contains("top 1: P@1 100.00"), classifierReport.toString());
    // A k above the six labels ranks all six.
    assertEquals(0, wideStatus, wideReport.toString());
    assertTrue(wideReport.toString().contains("top 6: P@1 100.00"), wideReport.toString());
    assertTrue(wideReport.toString().contains("R@6 100.00"), wideReport.toString());

    StringWriter exactReport = new StringWriter();
    int exactStatus = run(exactReport, "bench", "validation", "--model", bundle.toString(), "--data",
        data.toString(), "-k", "1", "--search", "exact");
    assertEquals(0, exactStatus, exactReport.toString());
    assertTrue(exactReport.toString().contains("top 1: P@1 100.00"), exactReport.toString());
  }

  @Test
  void trainingFilterPairsAreRemoved() throws Exception {
    // The filter file removes every document's only label, so no validation document can score.
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 6);
    List<String> rows = Files.readAllLines(data.resolve("trn_X_Y.txt"));
    List<String> pairs = new ArrayList<>();
    for (int row = 1; row < rows.size(); row++) {
      if (!rows.get(row).isEmpty()) {
        pairs.add((row - 1) + " " + rows.get(row).split(":")[0]);
      }
    }
    Files.write(data.resolve("trn_filter_labels.txt"), pairs);
    Path bundle = folder.resolve("model");
    trainSmall(data, bundle);

    StringWriter report = new StringWriter();
    int status = run(report, "bench", "validation", "--model", bundle.toString(), "--data", data.toString(), "-k", "3");

    assertEquals(0, status, report.toString());
    assertTrue(report.toString().contains("top 3: P@1 0.00 P@5 0.00"), report.toString());
  }

  @Test
  void retrainedBundleKeepsItsValidationRows() throws Exception {
    // The retrain adds 100 documents and takes its validation documents from those the parent
    // never trained on. Neither the seed-only split of a first training nor the texts the bundle
    // trained on find them again, because the new texts come in identical pairs. The bundle records them.
    Path parentData = RetrainServeTest.writeData(folder.resolve("parent-data"), 6);
    Path parent = folder.resolve("parent");
    trainSmall(parentData, parent);
    Path grown = Files.createDirectories(folder.resolve("grown"));
    Files.copy(parentData.resolve("Y.txt"), grown.resolve("Y.txt"));
    List<String> texts = new ArrayList<>(Files.readAllLines(parentData.resolve("trn_X.txt")));
    int parentDocuments = texts.size();
    List<String> rows = new ArrayList<>(Files.readAllLines(parentData.resolve("trn_X_Y.txt")));
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < 100; i++) {
      // Pairs of identical texts: a held-out document's twin is often trained on.
      texts.add("fresh" + i / 2 + " item" + (i / 2 % 7) + " word" + (i / 2 % 5));
      rows.add(random.nextInt(6) + ":1");
    }
    rows.set(0, texts.size() + " 6");
    Files.write(grown.resolve("trn_X.txt"), texts);
    Files.write(grown.resolve("trn_X_Y.txt"), rows);
    Path retrained = folder.resolve("retrained");
    StringWriter output = new StringWriter();
    assertEquals(0, run(output, "retrain", "--model", parent.toString(), "--data", grown.toString(), "--out",
        retrained.toString(), "--threads", "1"), output.toString());

    int[] heldOut;
    try (io.leverxc.model.XcModel model = io.leverxc.model.XcModel.load(retrained)) {
      heldOut = BundleValidationSplit.of(retrained, model.manifest(), grown, io.leverxc.data.XcDataset.load(grown))
          .validationRows();
    }
    java.util.Set<Integer> unseenByParent = new java.util.HashSet<>();
    for (int row : io.leverxc.pipeline.RetrainingPipeline.heldOutSplit(parent, texts).validationRows()) {
      unseenByParent.add(row);
    }
    StringWriter report = new StringWriter();
    int status = run(report, "bench", "validation", "--model", retrained.toString(), "--data", grown.toString());

    // 5 % of 160 documents, all of them new to the parent: the 100 added and the parent's own
    // validation documents.
    assertEquals(100 + parentDocuments / 5, unseenByParent.size());
    assertEquals(8, heldOut.length);
    assertTrue(java.util.Arrays.stream(heldOut).allMatch(unseenByParent::contains), java.util.Arrays.toString(heldOut));
    assertEquals(0, status, report.toString());
    assertTrue(report.toString().contains("8 validation documents (the retrain's: texts the bundle did not train on)"),
        report.toString());
  }

  @Test
  void filterFileAddedAfterTrainingIsRejected() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 6);
    Path bundle = folder.resolve("model");
    trainSmall(data, bundle);
    Files.write(data.resolve("trn_filter_labels.txt"), List.of("0 1"));

    StringWriter report = new StringWriter();
    int status = run(report, "bench", "validation", "--model", bundle.toString(), "--data", data.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, status, report.toString());
    assertTrue(report.toString().contains("has the training files [trn_X.txt, trn_X_Y.txt, trn_filter_labels.txt], but "
        + bundle + " was trained on [trn_X.txt, trn_X_Y.txt]"), report.toString());
  }

  @Test
  void unknownSearchIsRejected() {
    StringWriter report = new StringWriter();
    int status = run(report, "bench", "validation", "--model", "unused", "--data", "unused", "--search", "hnsw");

    assertEquals(UserErrorHandler.INPUT_ERROR, status, report.toString());
    assertTrue(report.toString().contains("invalid --search 'hnsw'; expected index or exact"), report.toString());
  }

  @Test
  void unknownScorerIsRejected() {
    StringWriter report = new StringWriter();
    int status = run(report, "bench", "validation", "--model", "unused", "--data", "unused", "--scorer", "sparse");

    assertEquals(UserErrorHandler.INPUT_ERROR, status, report.toString());
    assertTrue(report.toString().contains("invalid --scorer 'sparse'; expected fused, classifier or teacher"),
        report.toString());
  }

  @Test
  void changedTrainingTextsAreRejected() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 6);
    Path bundle = folder.resolve("model");
    trainSmall(data, bundle);
    // Same count, other order: the split would pick other texts than the ones training kept out.
    Path texts = data.resolve("trn_X.txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(texts));
    Collections.reverse(lines);
    Files.write(texts, lines);

    StringWriter report = new StringWriter();
    int status = run(report, "bench", "validation", "--model", bundle.toString(), "--data", data.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, status, report.toString());
    assertTrue(report.toString().contains(texts + " differs from the file " + bundle + " was trained on"), report.toString());
  }

  @Test
  void changedRepositoryNamedFilterIsRejected() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 6);
    Path filter = Files.writeString(data.resolve("filter_labels_train.txt"), "0 1\n");
    Path bundle = folder.resolve("model");
    trainSmall(data, bundle);
    Files.writeString(filter, "0 2\n");

    StringWriter report = new StringWriter();
    int status = run(report, "bench", "validation", "--model", bundle.toString(), "--data", data.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, status, report.toString());
    assertTrue(report.toString().contains(filter + " differs from the file " + bundle + " was trained on"),
        report.toString());
  }

  @Test
  void nonPositiveKIsRejected() {
    StringWriter report = new StringWriter();
    int status = run(report, "bench", "validation", "--model", "unused", "--data", "unused", "-k", "0");

    assertEquals(UserErrorHandler.INPUT_ERROR, status, report.toString());
    assertTrue(report.toString().contains("-k must be at least 1, got 0"), report.toString());
  }

  /** Trains a small bundle on {@code data} with a fifth of its documents held out for validation. */
  private static void trainSmall(Path data, Path bundle) {
    StringWriter output = new StringWriter();
    assertEquals(0, run(output, "train", "--data", data.toString(), "--out", bundle.toString(), "--threads", "1",
        "--dim", "16", "--teacher-epochs", "2", "--validation-fraction", "0.2"), output.toString());
  }

  private static int run(StringWriter output, String... arguments) {
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(output, true));
    commandLine.setErr(new PrintWriter(output, true));
    return commandLine.execute(arguments);
  }
}
