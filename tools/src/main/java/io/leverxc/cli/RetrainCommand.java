package io.leverxc.cli;

import io.leverxc.ann.IndexSettings;
import io.leverxc.bundle.BundleFormatException;
import io.leverxc.bundle.BundleReader;
import io.leverxc.classifier.OvaSettings;
import io.leverxc.classifier.TuningObjective;
import io.leverxc.data.DataFormatException;
import io.leverxc.data.XcDataset;
import io.leverxc.distill.DistillMode;
import io.leverxc.model.BundleLayout;
import io.leverxc.pipeline.PipelineSettings;
import io.leverxc.pipeline.RetrainChanges;
import io.leverxc.pipeline.RetrainSettings;
import io.leverxc.pipeline.RetrainingPipeline;
import io.leverxc.teacher.TeacherSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lever retrain}: continues training a model bundle on new data and writes a new bundle. */
@Command(
    name = "retrain",
    mixinStandardHelpOptions = true,
    header = "Continue training a bundle on new or changed data.",
    description =
        "Continue training a model bundle on new or changed data and write a new bundle whose manifest "
            + "names the parent. Y.txt must start with the parent's labels in the same order; appended lines "
            + "are new labels. The parent's vocabulary is kept, so words it never saw are ignored, unless "
            + "--extend-vocabulary appends them. Label ids listed in the data folder's removed_labels.txt (one "
            + "per line) are never predicted again, and their ids are not reused. Every graph (labels, "
            + "classifier vectors, voting training documents) is rebuilt. A JSON-lines data set is read with "
            + "the text fields the parent recorded (see lever train --json-text); its lbl.json must start with "
            + "the parent's labels as Y.txt does.")
public final class RetrainCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "DIR", required = true, description = "Parent model bundle folder; it is read, never changed unless it is also --out.")
  Path model;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Data set folder (either layout) with all training documents, the parent's and the new ones: the"
          + " retrain trains on the whole folder, and the parent's documents missing from it are forgotten.")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Bundle folder to write; an existing bundle (even the parent) is replaced once the new one is complete; a folder that contains anything else is rejected.")
  Path out;

  @Option(
      names = "--teacher-epochs", paramLabel = "N",
      defaultValue = "" + RetrainSettings.DEFAULT_TEACHER_EPOCHS,
      description = "Teacher epochs, starting from the parent's encoder. Default: ${DEFAULT-VALUE}.")
  int teacherEpochs;

  @Option(
      names = "--classifier-epochs", paramLabel = "N",
      defaultValue = "" + RetrainSettings.DEFAULT_CLASSIFIER_EPOCHS,
      description = "One-vs-all epochs, starting from the parent's weights. Default: ${DEFAULT-VALUE}.")
  int classifierEpochs;

  @Option(names = "--distill", paramLabel = "MODE", description = "LEVER distillation: lever, labels or none. Default: the parent's.")
  String distill;

  @Option(
      names = "--validation-fraction", paramLabel = "FRACTION",
      defaultValue = "" + RetrainSettings.DEFAULT_VALIDATION_FRACTION,
      description = "Share of training documents held out to tune the fusion weights and compare parent and new model,"
          + " in [0, 0.5]; 0 trains on every document and keeps the parent's fusion weights. Default: ${DEFAULT-VALUE}.")
  double validationFraction;

  @Option(
      names = "--tune-for", paramLabel = "OBJECTIVE",
      description = "What the fusion weights maximise on validation, as for lever train. Default: the parent's.")
  TuningObjective tuningObjective;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: the number of available processors.")
  Integer threads;

  @Option(
      names = "--extend-vocabulary",
      description = "Append the words of the new data that reach the minimum document frequency to the parent's "
          + "vocabulary, keeping every parent feature id, instead of ignoring words the parent never saw.")
  boolean extendVocabulary;

  @Option(
      names = "--replay-fraction", paramLabel = "FRACTION",
      defaultValue = "" + RetrainSettings.DEFAULT_REPLAY_FRACTION,
      description = "Share of the rows the parent trained on that the classifier stage trains on again, beside every "
          + "new row, from 0 to 1; 1 trains on all rows. Default: ${DEFAULT-VALUE}.")
  double replayFraction;

  @Option(
      names = "--negative-search-ef", paramLabel = "N",
      defaultValue = "" + RetrainSettings.DEFAULT_NEGATIVE_SEARCH_EF,
      description = "Candidate list size of the graph searches for the classifiers' hard negatives, from 1 to "
          + IndexSettings.MAX_EF + ". Default: ${DEFAULT-VALUE}.")
  int negativeSearchEf;

  @Option(
      names = "--full-fusion-grid",
      description = "Tune the fusion weights over the whole grid instead of around the parent's tuned weights.")
  boolean fullFusionGrid;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed for every stage. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    // RetrainSettings checks these too, but under its own field names.
    TrainingOptions.checkThreads(threadCount);
    TrainingOptions.checkRange("--teacher-epochs", teacherEpochs, 1, TeacherSettings.MAX_EPOCHS);
    TrainingOptions.checkRange("--classifier-epochs", classifierEpochs, 1, OvaSettings.MAX_EPOCHS);
    TrainingOptions.checkFraction("--validation-fraction", validationFraction, PipelineSettings.MAX_VALIDATION_FRACTION);
    TrainingOptions.checkFraction("--replay-fraction", replayFraction, 1);
    TrainingOptions.checkRange("--negative-search-ef", negativeSearchEf, 1, IndexSettings.MAX_EF);
    DistillMode mode =
        distill == null ? null : TrainingOptions.parseEnum(DistillMode.class, distill, "--distill", "lever, labels or none");
    RetrainSettings settings =
        new RetrainSettings(
            teacherEpochs, classifierEpochs, mode, validationFraction, tuningObjective, threadCount, seed,
            extendVocabulary, replayFraction, negativeSearchEf, !fullFusionGrid);
    XcDataset dataset;
    boolean parentSparse;
    try {
      BundleReader parent = BundleReader.open(model);
      parentSparse = parent.has(BundleLayout.SPARSE_WEIGHTS);
      try {
        dataset = DataSets.loadLike(data, model, parent.manifest());
      } catch (DataFormatException loadFailure) {
        // A changed Y.txt surfaces as a label matrix header that disagrees with it; name the label instead.
        try {
          RetrainingPipeline.checkLabelFile(parent, data);
        } catch (DataFormatException changedLabel) {
          changedLabel.addSuppressed(loadFailure);
          throw changedLabel;
        }
        throw loadFailure;
      }
    } catch (BundleFormatException e) {
      throw new IllegalArgumentException("invalid --model: " + e.getMessage(), e);
    }
    RetrainingPipeline.Result result;
    try {
      result = new RetrainingPipeline(settings).run(model, dataset, out);
    } catch (BundleFormatException e) {
      // Only the parent is read as a bundle, so this is a bad --model value, not a crash.
      throw new IllegalArgumentException("invalid --model: " + e.getMessage(), e);
    }

    RetrainChanges changes = result.changes();
    System.out.println("Wrote model " + result.manifest().bundleId() + " to " + out + " (parent "
        + changes.parentBundleId() + "; " + result.times() + ")");
    System.out.println("Labels: " + changes.parentLabelsKept() + " of the parent's " + changes.parentLabels()
        + " kept, " + changes.labelsAdded() + " added, " + changes.removedLabels().length
        + " removed in total; training documents: "
        + changes.documents() + " (" + changes.documentChange() + ")");
    if (!result.validation().isEmpty()) {
      System.out.println("Validation before: " + format(result.parentValidation()));
      System.out.println("Validation after:  " + format(result.validation()));
    }
    if (!extendVocabulary) {
      System.out.println("The parent's vocabulary was kept: words new to this data were ignored (see --extend-vocabulary).");
    }
    if (parentSparse) {
      String sparseLine;
      boolean hasSparse = BundleReader.open(out).has(BundleLayout.SPARSE_WEIGHTS);
      if (hasSparse && !result.validation().isEmpty()) {
        sparseLine = "The sparse TF-IDF term was trained again, and its fusion weight tuned on the validation split.";
      } else if (hasSparse) {
        sparseLine = "The sparse TF-IDF term was trained again and keeps the parent's fusion weight: without a"
            + " validation split of at least " + io.leverxc.classifier.FusionTuner.MIN_DOCUMENTS
            + " documents no weight is tuned (see --validation-fraction).";
      } else if (result.validation().isEmpty()) {
        sparseLine = "The parent's sparse TF-IDF term was left out: its fusion weights give it weight 0.";
      } else {
        sparseLine = "The parent's sparse TF-IDF term was left out: tuning on the validation split gave it weight 0.";
      }
      System.out.println(sparseLine);
    }
    return 0;
  }

  private static String format(Map<String, Double> metrics) {
    StringBuilder text = new StringBuilder();
    metrics.forEach((name, value) -> text.append(String.format(Locale.ROOT, "%s %.2f%%  ", name, 100 * value)));
    return text.toString().strip();
  }
}
