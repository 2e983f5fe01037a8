package io.leverxc.data;

import static io.leverxc.data.FormatErrors.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XcDatasetTest {
  /** The demo data set bundled in the repository, two levels above the index module. */
  private static final Path DEMO = Path.of("..", "data", "LF-WordNetHierarchy-15K");

  @TempDir Path folder;

  @Test
  void loadsBundledDemoDataSet() {
    XcDataset data = XcDataset.load(DEMO);
    // Counts from the file headers: trn_X_Y is "56904 15257".
    assertEquals(15257, data.labelCount());
    assertEquals(56904, data.trainTexts().size());
    assertEquals(56904, data.trainLabels().rows());
    assertTrue(data.hasTest());
    assertEquals(data.testLabels().rows(), data.testTexts().size());
    assertTrue(data.testFilter().size() > 0);
    // The first training row is "8:1.0 25:1.0 13511:1.0".
    assertEquals(3, data.trainLabels().rowSize(0));
    assertTrue(data.trainLabels().contains(0, 13511));
  }

  @Test
  void textLayoutMismatchedLabelCountIsRejected() throws IOException {
    Files.writeString(folder.resolve("Y.txt"), "a\nb\n");
    Path labels = Files.writeString(folder.resolve("trn_X_Y.txt"), "1 3\n0:1\n");
    Files.writeString(folder.resolve("trn_X.txt"), "doc\n");
    assertFails(() -> XcDataset.load(folder), labels, 1, 0,
        "header field num_cols: expected 2 (the number of lines in Y.txt), found 3");
  }

  @Test
  void textLayoutWithoutTestSplitLoads() throws IOException {
    Files.writeString(folder.resolve("Y.txt"), "a\nb\n");
    Files.writeString(folder.resolve("trn_X_Y.txt"), "2 2\n0:1\n1:1 0:1\n");
    Files.writeString(folder.resolve("trn_X.txt"), "first\nsecond\n");
    XcDataset data = XcDataset.load(folder);
    assertFalse(data.hasTest());
    assertEquals(3, data.trainLabels().nonZeros());
    assertEquals(List.of("first", "second"), data.trainTexts());
  }

  @Test
  void repositoryFilterNamesAreRead() throws IOException {
    writeSmallTextLayout();
    Files.writeString(folder.resolve("filter_labels_train.txt"), "1 0\n");
    FormatErrors.writeGzip(folder.resolve("filter_labels_test.txt.gz"), "0 1\n0 0\n");

    XcDataset data = XcDataset.load(folder);

    assertEquals(1, data.trainFilter().size());
    assertTrue(data.trainFilter().contains(1, 0));
    assertEquals(2, data.testFilter().size());
    assertTrue(data.testFilter().contains(0, 1));
  }

  @Test
  void filterUnderBothNamesReadsTheLeverName() throws IOException {
    writeSmallTextLayout();
    Files.writeString(folder.resolve("tst_filter_labels.txt"), "0 1\n");
    Files.writeString(folder.resolve("filter_labels_test.txt"), "0 0\n");

    XcDataset data = XcDataset.load(folder);

    assertTrue(data.testFilter().contains(0, 1));
    assertFalse(data.testFilter().contains(0, 0));
  }

  /** Writes two labels, two training documents and one test document. */
  private void writeSmallTextLayout() throws IOException {
    Files.writeString(folder.resolve("Y.txt"), "a\nb\n");
    Files.writeString(folder.resolve("trn_X_Y.txt"), "2 2\n0:1\n1:1 0:1\n");
    Files.writeString(folder.resolve("trn_X.txt"), "first\nsecond\n");
    Files.writeString(folder.resolve("tst_X_Y.txt"), "1 2\n1:1\n");
    Files.writeString(folder.resolve("tst_X.txt"), "third\n");
  }

  @Test
  void folderWithoutEitherLayoutIsRejected() throws IOException {
    Files.writeString(folder.resolve("notes.txt"), "nothing here");
    assertFails(() -> XcDataset.load(folder), folder, 0, 0,
        "no data set found: expected Y.txt (raw-text layout) or lbl.json (JSON-lines layout)");
  }

  @Test
  void missingFolderIsRejected() {
    Path absent = folder.resolve("absent");
    assertFails(() -> XcDataset.load(absent), absent, 0, 0, "data set folder not found");
  }

  @Test
  void fileInPlaceOfFolderIsRejected() throws IOException {
    Path file = Files.writeString(folder.resolve("Y.txt"), "a\n");
    assertFails(() -> XcDataset.load(file), file, 0, 0, "not a folder: expected the data set folder");
  }

  @Test
  void trailingBlankLabelTextRejected() throws IOException {
    Path labelTexts = Files.writeString(folder.resolve("Y.txt"), "a\nb\n\n");
    Files.writeString(folder.resolve("trn_X_Y.txt"), "1 2\n0:1\n");
    Files.writeString(folder.resolve("trn_X.txt"), "doc\n");
    assertFails(() -> XcDataset.load(folder), labelTexts, 3, 0,
        "blank line after the last label text: trn_X_Y.txt declares 2 labels, and this file has 2 lines followed"
            + " by 1 blank one(s); remove the blank lines at the end");
  }

  @Test
  void bothLayoutsWarnAndReadRawText() throws IOException {
    writeSmallTextLayout();
    Files.writeString(folder.resolve("lbl.json"), "{\"uid\": \"x\", \"title\": \"x\"}\n");

    String log = XcFilesTest.logDuring(() -> {
      assertEquals(List.of("a", "b"), XcDataset.load(folder).labelTexts());
      return null;
    });

    assertTrue(log.contains("WARN"), log);
    assertTrue(log.contains("contains both layouts, Y.txt (raw text) and lbl.json (JSON lines)"), log);
  }
}
