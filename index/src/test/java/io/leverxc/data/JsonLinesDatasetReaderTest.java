package io.leverxc.data;

import static io.leverxc.data.FormatErrors.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesDatasetReaderTest {
  private static final String LABELS = """
      {"uid": "L0", "title": "dog", "content": "a domestic animal"}
      {"uid": "L1", "title": "cat", "content": ""}
      {"uid": "L2", "title": "fish"}
      """;

  @TempDir Path folder;

  @BeforeEach
  void writeLabels() throws IOException {
    FormatErrors.writeGzip(folder.resolve("lbl.json.gz"), LABELS);
  }

  private Path writeTrain(String content) throws IOException {
    return Files.writeString(folder.resolve("trn.json"), content);
  }

  @Test
  void loadsTitlesAndTargets() throws IOException {
    writeTrain("""
        {"uid": "D0", "title": "puppy", "content": "young dog", "target_ind": [2, 0], "target_rel": [0.5, 1.0]}
        {"uid": "D1", "title": "kitten", "content": "young cat", "target_ind": []}
        """);
    Files.writeString(folder.resolve("tst.json"), "{\"uid\": 7, \"title\": \"goldfish\", \"target_ind\": [2]}\n");

    XcDataset data = XcDataset.load(folder);

    assertEquals(List.of("dog", "cat", "fish"), data.labelTexts());
    assertEquals(List.of("puppy", "kitten"), data.trainTexts());
    assertEquals(3, data.trainLabels().columns());
    assertEquals(0, data.trainLabels().label(0));
    assertEquals(1.0f, data.trainLabels().value(0));
    assertEquals(2, data.trainLabels().label(1));
    assertEquals(0.5f, data.trainLabels().value(1));
    assertEquals(0, data.trainLabels().rowSize(1));
    assertTrue(data.hasTest());
    assertEquals(List.of("goldfish"), data.testTexts());
    assertEquals(1.0f, data.testLabels().value(0));
  }

  @Test
  void filterFilesBesideTheJsonFilesAreRead() throws IOException {
    writeTrain("{\"title\": \"puppy\", \"target_ind\": [0]}\n");
    Files.writeString(folder.resolve("tst.json"), "{\"title\": \"goldfish\", \"target_ind\": [2]}\n");
    Files.writeString(folder.resolve("filter_labels_train.txt"), "0 1\n");
    Files.writeString(folder.resolve("filter_labels_test.txt"), "0 0\n");

    XcDataset data = XcDataset.load(folder);

    assertTrue(data.trainFilter().contains(0, 1));
    assertEquals(1, data.trainFilter().size());
    assertTrue(data.testFilter().contains(0, 0));
    assertEquals(1, data.testFilter().size());
  }

  @Test
  void outOfRangeFilterPairNamesFile() throws IOException {
    writeTrain("{\"title\": \"puppy\", \"target_ind\": [0]}\n");
    Files.writeString(folder.resolve("tst.json"), "{\"title\": \"goldfish\", \"target_ind\": [2]}\n");
    Path filter = Files.writeString(folder.resolve("tst_filter_labels.txt"), "1 0\n");

    assertFails(() -> XcDataset.load(folder), filter, 1, 1,
        "document_row 1 out of range: expected 0 to 0 because the data set has 1 documents");
  }

  @Test
  void titleAndContentJoinsNonEmptyContent() throws IOException {
    writeTrain("{\"title\": \"puppy\", \"content\": \"young dog\", \"target_ind\": [0]}\n");
    XcDataset data = JsonLinesDatasetReader.load(folder, JsonLinesDatasetReader.TextFields.TITLE_AND_CONTENT);
    assertEquals(List.of("dog: a domestic animal", "cat", "fish"), data.labelTexts());
    assertEquals(List.of("puppy: young dog"), data.trainTexts());
    assertFalse(data.hasTest());
  }

  @Test
  void lineBreaksBecomeSpaces() throws IOException {
    writeTrain("{\"title\": \"pup\\r\\npy\", \"content\": \"young\\ndog\\u2028of\\rsorts\", \"target_ind\": [0]}\n");

    XcDataset titles = JsonLinesDatasetReader.load(folder, JsonLinesDatasetReader.TextFields.TITLE);
    XcDataset joined = JsonLinesDatasetReader.load(folder, JsonLinesDatasetReader.TextFields.TITLE_AND_CONTENT);

    assertEquals(List.of("pup py"), titles.trainTexts());
    assertEquals(List.of("pup py: young dog of sorts"), joined.trainTexts());
  }

  @Test
  void longWrongTypeIsShortenedInMessage() throws IOException {
    StringBuilder numbers = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      numbers.append(i == 0 ? "" : ",").append(i);
    }
    Path file = writeTrain("{\"title\": \"a\", \"content\": [" + numbers + "], \"target_ind\": [0]}\n");

    DataFormatException error = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
        () -> JsonLinesDatasetReader.load(folder, JsonLinesDatasetReader.TextFields.TITLE_AND_CONTENT));
    assertTrue(error.getMessage().contains(file + ":1: field 'content': expected a string, found [0,1,2,"),
        error.getMessage());
    assertTrue(error.getMessage().length() < 400, "message of " + error.getMessage().length() + " characters");
  }

  @Test
  void invalidJsonNamesColumn() throws IOException {
    Path file = writeTrain("{\"title\": \"a\", \"target_ind\": [0]}\n{\"title\": \"b\" \"target_ind\": [0]}\n");
    assertFails(() -> XcDataset.load(folder), file, 2, 15, "invalid JSON: unexpected character ('\"')");
  }

  @Test
  void unclosedRecordIsNamedPlainly() throws IOException {
    Path file = writeTrain("{\"title\": \"a\", \"target_ind\": [0]\n");

    DataFormatException error = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
        () -> XcDataset.load(folder));

    assertTrue(error.getMessage().startsWith(file + ":1:"), error.getMessage());
    assertTrue(error.getMessage().endsWith(": invalid JSON: the object is not closed"), error.getMessage());
  }

  @Test
  void duplicateKeyIsRejected() throws IOException {
    Path file = writeTrain("{\"title\": \"a\", \"title\": \"b\", \"target_ind\": [0]}\n");
    DataFormatException error = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
        () -> XcDataset.load(folder));
    assertTrue(error.getMessage().startsWith(file + ":1:"), error.getMessage());
    assertTrue(error.getMessage().endsWith("invalid JSON: duplicate field 'title'"), error.getMessage());
  }

  @Test
  void missingTitleIsRejected() throws IOException {
    Path file = writeTrain("{\"content\": \"x\", \"target_ind\": [0]}\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0,
        "field 'title': expected a string, found none (the field is missing)");
  }

  @Test
  void nullTitleIsNamed() throws IOException {
    Path file = writeTrain("{\"title\": null, \"target_ind\": [0]}\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0, "field 'title': expected a string, found null");
  }


  @Test
  void nonStringTitleIsRejected() throws IOException {
    Path file = writeTrain("{\"title\": 5, \"target_ind\": [0]}\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0, "field 'title': expected a string, found 5");
  }

  @Test
  void missingTargetsAreRejected() throws IOException {
    Path file = writeTrain("{\"title\": \"a\"}\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0,
        "field 'target_ind': expected an array of label ids, found none (the field is missing)");
  }

  @Test
  void labelIdOutOfRangeIsRejected() throws IOException {
    Path file = writeTrain("{\"title\": \"a\", \"target_ind\": [1, 3]}\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0,
        "field 'target_ind[1]': label id 3 out of range: expected 0 to 2 because lbl.json has 3 labels");
  }

  @Test
  void nonIntegerLabelIdIsRejected() throws IOException {
    Path file = writeTrain("{\"title\": \"a\", \"target_ind\": [1.5]}\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0,
        "field 'target_ind[0]': expected a non-negative integer label id, found 1.5");
  }

  @Test
  void duplicateLabelIdIsRejected() throws IOException {
    Path file = writeTrain("{\"title\": \"a\", \"target_ind\": [2, 0, 2]}\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0,
        "field 'target_ind[2]': duplicate label id 2 (first at target_ind[0])");
  }

  @Test
  void relevanceLengthMismatchIsRejected() throws IOException {
    Path file = writeTrain("{\"title\": \"a\", \"target_ind\": [0, 1], \"target_rel\": [1.0]}\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0,
        "field 'target_rel': expected an array of 2 numbers, one per entry of target_ind, found [1.0]");
  }

  @Test
  void nonNumericRelevanceIsRejected() throws IOException {
    Path file = writeTrain("{\"title\": \"a\", \"target_ind\": [0], \"target_rel\": [\"high\"]}\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0,
        "field 'target_rel[0]': expected a finite number, found \"high\"");
  }

  @Test
  void zeroRelevanceIsRejected() throws IOException {
    Path file = writeTrain("{\"title\": \"a\", \"target_ind\": [0, 1], \"target_rel\": [1.0, 0.0]}\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0,
        "field 'target_rel[1]': expected a positive number, because each target_ind entry is a label of the record,"
            + " found 0.0");
  }

  @Test
  void nonObjectLineIsRejected() throws IOException {
    Path file = writeTrain("[1, 2]\n");
    assertFails(() -> XcDataset.load(folder), file, 1, 0, "expected a JSON object, found an array");
  }

  @Test
  void blankLineBeforeRowIsRejected() throws IOException {
    Path file = writeTrain("{\"title\": \"a\", \"target_ind\": [0]}\n\n \n{\"title\": \"b\", \"target_ind\": [0]}\n");
    assertFails(() -> XcDataset.load(folder), file, 2, 0,
        "expected a JSON object, found a blank line (blank lines are allowed only at the end of the file)");
  }

  @Test
  void relevanceBeyondFloatRangeIsNamed() throws IOException {
    Path large = writeTrain("{\"title\": \"a\", \"target_ind\": [0], \"target_rel\": [1e300]}\n");
    assertFails(() -> XcDataset.load(folder), large, 1, 0,
        "field 'target_rel[0]': 1.0E300 is outside the range of a 32-bit float");

    Path small = writeTrain("{\"title\": \"a\", \"target_ind\": [0], \"target_rel\": [1e-50]}\n");
    assertFails(() -> XcDataset.load(folder), small, 1, 0,
        "field 'target_rel[0]': 1.0E-50 is outside the range of a 32-bit float");
  }

  @Test
  void unpairedSurrogateIsRejected() throws IOException {
    Path file = writeTrain("{\"title\": \"broken \\ud800 label\", \"target_ind\": [0]}\n");

    assertFails(() -> XcDataset.load(folder), file, 1, 0,
        "field 'title': unpaired surrogate \\ud800 at character 8");
  }

  @Test
  void pairedSurrogatesAreKept() throws IOException {
    writeTrain("{\"title\": \"smile \\ud83d\\ude00\", \"target_ind\": [0]}\n");

    assertEquals(List.of("smile \ud83d\ude00"), XcDataset.load(folder).trainTexts());
  }

  @Test
  void trailingBlankLinesAreIgnored() throws IOException {
    writeTrain("{\"title\": \"a\", \"target_ind\": [0]}\n\n  \n");

    XcDataset dataset = XcDataset.load(folder);

    assertEquals(1, dataset.trainTexts().size());
    assertEquals(1, dataset.trainLabels().rows());
  }

  @Test
  void missingTrainFileIsRejected() {
    Path file = folder.resolve("trn.json");
    assertFails(() -> XcDataset.load(folder), file, 0, 0, "missing file: neither");
  }

  @Test
  void emptyLabelFileIsRejected() throws IOException {
    Files.delete(folder.resolve("lbl.json.gz"));
    Path file = Files.writeString(folder.resolve("lbl.json"), "");
    writeTrain("{\"title\": \"a\", \"target_ind\": []}\n");
    assertFails(() -> XcDataset.load(folder), file, 0, 0, "empty file: expected one JSON object per label");
  }
}
