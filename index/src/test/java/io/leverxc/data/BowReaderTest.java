package io.leverxc.data;

import static io.leverxc.data.FormatErrors.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.vector.SparseVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BowReaderTest {
  @TempDir Path folder;

  private Path write(String content) throws IOException {
    return Files.writeString(folder.resolve("train.txt"), content);
  }

  @Test
  void readsLabelsAndFeatures() throws IOException {
    BowDataset data = BowReader.read(write("3 6 4\n3,0 5:0.5 1:2\n 0:1\n2 \n"));
    assertEquals(3, data.features().rows());
    assertEquals(6, data.features().columns());
    assertEquals(4, data.labels().columns());
    assertEquals(SparseVector.of(new int[] {0, 3}, new float[] {1f, 1f}), data.labels().row(0));
    assertEquals(SparseVector.of(new int[] {1, 5}, new float[] {2f, 0.5f}), data.features().row(0));
    assertEquals(0, data.labels().rowSize(1));
    assertEquals(SparseVector.of(new int[] {0}, new float[] {1f}), data.features().row(1));
    assertEquals(SparseVector.of(new int[] {2}, new float[] {1f}), data.labels().row(2));
    assertEquals(0, data.features().rowSize(2));
  }

  @Test
  void headerWithTwoFieldsIsRejected() throws IOException {
    Path file = write("3 6\n");
    assertFails(() -> BowReader.read(file), file, 1, 0,
        "expected header 'num_points num_features num_labels', found '3 6'");
  }

  @Test
  void pointWithoutLeadingSpaceIsRejected() throws IOException {
    Path file = write("1 6 4\n2:1 3:1\n");
    assertFails(() -> BowReader.read(file), file, 2, 1,
        "expected comma-separated label ids before the first space, found '2:1'",
        "a point without labels starts with a space");
  }

  @Test
  void labelOutOfRangeIsRejected() throws IOException {
    Path file = write("1 6 4\n1,4 0:1\n");
    assertFails(() -> BowReader.read(file), file, 2, 3,
        "label id 4 out of range: expected 0 to 3 because the header's num_labels is 4");
  }

  @Test
  void emptyLabelInListIsRejected() throws IOException {
    Path file = write("1 6 4\n1,,2 0:1\n");
    assertFails(() -> BowReader.read(file), file, 2, 3, "label id: expected a non-negative integer, found ''");
  }

  @Test
  void duplicateLabelIsRejected() throws IOException {
    Path file = write("1 6 4\n1,2,1 0:1\n");
    assertFails(() -> BowReader.read(file), file, 2, 5, "duplicate label id 1 (first at column 1)");
  }

  @Test
  void featureOutOfRangeIsRejected() throws IOException {
    Path file = write("1 6 4\n1 0:1 6:1\n");
    assertFails(() -> BowReader.read(file), file, 2, 7,
        "feature id 6 out of range: expected 0 to 5 because the header's num_features is 6");
  }

  @Test
  void duplicateFeatureIsRejected() throws IOException {
    Path file = write("1 6 4\n1 5:1 5:2\n");
    assertFails(() -> BowReader.read(file), file, 2, 7, "duplicate feature id 5 (first at column 3)");
  }

  @Test
  void pointCountMismatchIsRejected() throws IOException {
    Path file = write("3 6 4\n1 0:1\n");
    assertFails(() -> BowReader.read(file), file, 1, 0,
        "header declares num_points = 3, but the file has 1 points (it ends at line 2)");
  }

  @Test
  void extraPointIsRejected() throws IOException {
    Path file = write("1 6 4\n1 0:1\n2 0:1\n");
    assertFails(() -> BowReader.read(file), file, 3, 0, "point 2 found, but the header declares num_points = 1");
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    Path file = write("");
    assertFails(() -> BowReader.read(file), file, 0, 0, "empty file");
  }
}
