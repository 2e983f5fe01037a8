package io.leverxc.cli;

import io.leverxc.data.XcDataset;
import io.leverxc.pipeline.PipelineSettings;
import io.leverxc.pipeline.TrainingPipeline;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lever train}: trains a model on a data set folder and writes its bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    header = "Train a model on a data set folder and write its bundle.",
    description =
        "Train a model (text features, Siamese teacher, LEVER distillation, one-vs-all classifiers, HNSW "
            + "graphs) on an XC label-feature data set folder and write the model bundle. The folder holds "
            + "trn_X.txt, trn_X_Y.txt and Y.txt (raw-text layout) or lbl.json and trn.json (JSON-lines layout, "
            + "see --json-text), plain or .gz. Test files, when present, are read and checked but never trained or"
            + " tuned on.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data set folder in the XC repository's raw-text or JSON-lines layout.")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Bundle folder to write; an existing bundle is replaced once the new one is complete; a folder that contains anything else is rejected.")
  Path out;

  @Mixin TrainingOptions training;

  @Override
  public Integer call() {
    // Options first, so a mistyped option fails before a large data set is read.
    PipelineSettings settings = training.toSettings();
    XcDataset dataset = training.loadData(data);
    TrainingPipeline.Result result = new TrainingPipeline(settings).run(dataset, out);
    System.out.println("Wrote model " + result.manifest().bundleId() + " to " + out + " (" + result.times() + ")");
    return 0;
  }
}
