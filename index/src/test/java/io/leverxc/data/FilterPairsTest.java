package io.leverxc.data;

import static io.leverxc.data.FormatErrors.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterPairsTest {
  @TempDir Path folder;

  private Path write(String content) throws IOException {
    return Files.writeString(folder.resolve("tst_filter_labels.txt"), content);
  }

  @Test
  void readsPairsAndSkipsBlankLines() throws IOException {
    FilterPairs pairs = FilterPairs.read(write("0 4\n\n2\t1\n0 4\n"), 3, 5);
    assertEquals(2, pairs.size());
    assertTrue(pairs.contains(0, 4));
    assertTrue(pairs.contains(2, 1));
    assertFalse(pairs.contains(4, 0));
  }

  @Test
  void maxPerDocumentCountsDistinctPairs() throws IOException {
    // Document 0 has labels 4 and 1 (the repeated pair counts once), document 2 has label 1.
    FilterPairs pairs = FilterPairs.read(write("0 4\n2 1\n0 4\n0 1\n"), 3, 5);

    assertEquals(2, pairs.maxPerDocument());
    assertEquals(0, FilterPairs.none().maxPerDocument());
  }

  @Test
  void documentOutOfRangeIsRejected() throws IOException {
    Path file = write("0 1\n3 1\n");
    assertFails(() -> FilterPairs.read(file, 3, 5), file, 2, 1,
        "document_row 3 out of range: expected 0 to 2 because the data set has 3 documents");
  }

  @Test
  void labelOutOfRangeIsRejected() throws IOException {
    Path file = write("1 5\n");
    assertFails(() -> FilterPairs.read(file, 3, 5), file, 1, 3,
        "label_id 5 out of range: expected 0 to 4 because the data set has 5 labels");
  }

  @Test
  void repeatedTokenColumnPointsAtLabel() throws IOException {
    Path file = write("0 1\n  7   7\n");
    assertFails(() -> FilterPairs.read(file, 9, 5), file, 2, 7,
        "label_id 7 out of range: expected 0 to 4 because the data set has 5 labels");
  }

  @Test
  void nonNumericIdIsRejected() throws IOException {
    Path file = write("1 x\n");
    assertFails(() -> FilterPairs.read(file, 3, 5), file, 1, 3,
        "label_id: expected a non-negative integer, found 'x'");
  }

  @Test
  void wrongTokenCountIsRejected() throws IOException {
    Path file = write("1 2 3\n");
    assertFails(() -> FilterPairs.read(file, 3, 5), file, 1, 0,
        "expected two integers 'document_row label_id', found '1 2 3'");
  }
}
