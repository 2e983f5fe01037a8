package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.DataFormatException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelContinuityTest {
  private static final Path FILE = Path.of("data", "Y.txt");
  private static final List<String> PARENT = List.of("cat", "dog", "bird");

  @Test
  void sameLabelsAddNothing() {
    assertEquals(0, LabelContinuity.addedLabels(PARENT, PARENT, FILE));
  }

  @Test
  void appendedLinesAreCounted() {
    assertEquals(2, LabelContinuity.addedLabels(PARENT, List.of("cat", "dog", "bird", "fish", "frog"), FILE));
  }

  @Test
  void swappedLineNamesFirstDifference() {
    DataFormatException error = assertThrows(
        DataFormatException.class,
        () -> LabelContinuity.addedLabels(PARENT, List.of("cat", "bird", "dog"), FILE));
    assertEquals(2, error.line());
    assertEquals(FILE, error.file());
    assertTrue(error.getMessage().contains("label 1 changed: the parent model has 'dog', found 'bird'"), error.getMessage());
  }

  @Test
  void editedTextIsRejected() {
    DataFormatException error = assertThrows(
        DataFormatException.class,
        () -> LabelContinuity.addedLabels(PARENT, List.of("cat", "dog", "birds"), FILE));
    assertEquals(3, error.line());
  }

  @Test
  void truncatedFileNamesMissingLabel() {
    DataFormatException error = assertThrows(
        DataFormatException.class, () -> LabelContinuity.addedLabels(PARENT, List.of("cat"), FILE));
    assertEquals(2, error.line());
    assertTrue(error.getMessage().contains("ends after 1 labels but the parent model has 3"), error.getMessage());
    assertTrue(error.getMessage().contains("label 1 ('dog')"), error.getMessage());
  }

  @Test
  void longTextIsCutInMessage() {
    String longText = "x".repeat(200);
    DataFormatException error = assertThrows(
        DataFormatException.class,
        () -> LabelContinuity.addedLabels(List.of(longText), List.of("y"), FILE));
    assertTrue(error.getMessage().contains("'" + "x".repeat(80) + "...'"), error.getMessage());
    assertTrue(error.getMessage().length() < 400, error.getMessage());
  }
}
