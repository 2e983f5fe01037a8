package io.leverxc.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A label-feature data set: texts of documents and labels with the documents' label sets.
 *
 * <p>{@link #load(Path)} reads either the XC repository's raw-text layout ({@code trn_X.txt},
 * {@code trn_X_Y.txt}, {@code tst_X.txt}, {@code tst_X_Y.txt}, {@code Y.txt}, and optional
 * {@code trn_filter_labels.txt} / {@code tst_filter_labels.txt}, or the repository's names, see
 * {@link FilterFiles}) or its JSON-lines layout (see {@link JsonLinesDatasetReader}), each file plain
 * or gzip-compressed.
 *
 * @param trainTexts one text per training document
 * @param trainLabels training documents × labels
 * @param testTexts one text per test document, empty when the folder has no test split
 * @param testLabels test documents × labels, or null without a test split
 * @param labelTexts one text per label; line i is label i
 * @param jsonTextFields the fields that made the texts of a JSON-lines data set, or null for the
 *     raw-text layout
 */
public record XcDataset(
    Path directory,
    List<String> trainTexts,
    LabelMatrix trainLabels,
    List<String> testTexts,
    LabelMatrix testLabels,
    List<String> labelTexts,
    FilterPairs trainFilter,
    FilterPairs testFilter,
    JsonLinesDatasetReader.TextFields jsonTextFields) {

  private static final Logger LOG = LoggerFactory.getLogger(XcDataset.class);

  /** Creates a data set in the raw-text layout. */
  public XcDataset(
      Path directory,
      List<String> trainTexts,
      LabelMatrix trainLabels,
      List<String> testTexts,
      LabelMatrix testLabels,
      List<String> labelTexts,
      FilterPairs trainFilter,
      FilterPairs testFilter) {
    this(directory, trainTexts, trainLabels, testTexts, testLabels, labelTexts, trainFilter, testFilter, null);
  }

  /**
   * Checks that at least one training document, if there are any, has a label. A label file
   * without entries leaves nothing to learn, and a conversion script with the wrong separator
   * writes one.
   *
   * @throws IllegalArgumentException naming the train label file when it has no label entries
   */
  public void requireTrainingLabels() {
    if (trainLabels.rows() > 0 && trainLabels.nonZeros() == 0) {
      String file = jsonTextFields == null ? "trn_X_Y.txt" : "trn.json";
      throw new IllegalArgumentException(directory.resolve(file) + ": none of the " + trainLabels.rows()
          + " training documents has a label, so there is nothing to train on; check that each row lists"
          + " its labels as id:value pairs (or target_ind in trn.json)");
    }
  }

  /** Number of labels. */
  public int labelCount() {
    return labelTexts.size();
  }

  /** Returns true when a test split with its labels is present. */
  public boolean hasTest() {
    return testLabels != null;
  }

  /**
   * Loads the data set in {@code directory}, checking that every file agrees on counts. A folder
   * with {@code Y.txt} is read in the raw-text layout, and otherwise a folder with {@code lbl.json}
   * in the JSON-lines layout, with titles as texts.
   *
   * @throws DataFormatException naming the file that is missing or disagrees, or the folder when it
   *     contains neither layout
   */
  public static XcDataset load(Path directory) {
    return load(directory, JsonLinesDatasetReader.TextFields.TITLE);
  }

  /**
   * Loads the data set in {@code directory} as {@link #load(Path)} does, with {@code jsonTextFields}
   * as the texts of a JSON-lines data set. The raw-text layout has one text per line and ignores it.
   *
   * @throws DataFormatException as {@link #load(Path)}
   */
  public static XcDataset load(Path directory, JsonLinesDatasetReader.TextFields jsonTextFields) {
    if (!Files.isDirectory(directory)) {
      String problem = Files.exists(directory)
          ? "not a folder: expected the data set folder that contains Y.txt or lbl.json, not one of its files"
          : "data set folder not found: expected a directory";
      throw new DataFormatException(directory, 0, problem);
    }
    if (XcFiles.resolveOptional(directory, "Y.txt") == null) {
      if (XcFiles.resolveOptional(directory, "lbl.json") != null) {
        return JsonLinesDatasetReader.load(directory, jsonTextFields);
      }
      throw new DataFormatException(directory, 0, "no data set found: expected Y.txt (raw-text layout) or"
          + " lbl.json (JSON-lines layout), plain or with .gz");
    }
    if (XcFiles.resolveOptional(directory, "lbl.json") != null) {
      LOG.warn("{} contains both layouts, Y.txt (raw text) and lbl.json (JSON lines): reading the raw-text files;"
          + " move one layout to a folder of its own to read the other", directory);
    }
    return loadTextLayout(directory);
  }

  private static XcDataset loadTextLayout(Path directory) {
    Path labelTextFile = XcFiles.resolve(directory, "Y.txt");
    List<String> labelTexts = TextLinesReader.read(labelTextFile, -1);
    Path trainLabelFile = XcFiles.resolve(directory, "trn_X_Y.txt");
    LabelMatrix trainLabels = SparseMatrixReader.readLabels(trainLabelFile);
    checkLabelCount(trainLabelFile, trainLabels, labelTexts, labelTextFile);
    List<String> trainTexts = TextLinesReader.read(XcFiles.resolve(directory, "trn_X.txt"), trainLabels.rows());
    Path trainFilterFile = FilterFiles.train(directory);
    FilterPairs trainFilter =
        trainFilterFile == null ? FilterPairs.none() : FilterPairs.read(trainFilterFile, trainLabels.rows(), labelTexts.size());

    Path testLabelFile = XcFiles.resolveOptional(directory, "tst_X_Y.txt");
    LabelMatrix testLabels = null;
    List<String> testTexts = List.of();
    FilterPairs testFilter = FilterPairs.none();
    if (testLabelFile != null) {
      testLabels = SparseMatrixReader.readLabels(testLabelFile);
      checkLabelCount(testLabelFile, testLabels, labelTexts, labelTextFile);
      testTexts = TextLinesReader.read(XcFiles.resolve(directory, "tst_X.txt"), testLabels.rows());
      Path testFilterFile = FilterFiles.test(directory);
      if (testFilterFile != null) {
        testFilter = FilterPairs.read(testFilterFile, testLabels.rows(), labelTexts.size());
      }
    }
    return new XcDataset(directory, trainTexts, trainLabels, testTexts, testLabels, labelTexts, trainFilter, testFilter);
  }

  private static void checkLabelCount(Path matrixFile, LabelMatrix matrix, List<String> labelTexts, Path labelTextFile) {
    int labelTextCount = labelTexts.size();
    int declared = matrix.columns();
    if (declared < labelTextCount && labelTexts.subList(declared, labelTextCount).stream().allMatch(String::isEmpty)) {
      // Blank lines at the end of the label texts are named here, not as a count mismatch in the label file.
      throw new DataFormatException(labelTextFile, declared + 1, "blank line after the last label text: "
          + matrixFile.getFileName() + " declares " + declared + " labels, and this file has " + declared
          + " lines followed by " + (labelTextCount - declared) + " blank one(s); remove the blank lines at the end");
    }
    if (matrix.columns() != labelTextCount) {
      throw new DataFormatException(
          matrixFile, 1, "header field num_cols: expected " + labelTextCount + " (the number of lines in "
              + labelTextFile.getFileName() + "), found " + matrix.columns());
    }
  }
}
