package io.leverxc.data;

import static io.leverxc.data.FormatErrors.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLinesReaderTest {
  @TempDir Path folder;

  @Test
  void readsUnicodeLinesAndEmptyTexts() throws IOException {
    Path file = Files.writeString(folder.resolve("Y.txt"), "caf\u00e9, coffee house\n\nna\u00efve \u4e2d\u6587\n");
    assertEquals(List.of("caf\u00e9, coffee house", "", "na\u00efve \u4e2d\u6587"), TextLinesReader.read(file, 3));
  }

  @Test
  void lastLineWithoutNewlineIsKept() throws IOException {
    Path file = Files.writeString(folder.resolve("trn_X.txt"), "a\nb");
    assertEquals(List.of("a", "b"), TextLinesReader.read(file, -1));
  }

  @Test
  void lineCountMismatchIsRejected() throws IOException {
    Path file = Files.writeString(folder.resolve("trn_X.txt"), "a\nb\n");
    assertFails(() -> TextLinesReader.read(file, 3), file, 0, 0,
        "expected 3 lines (one text per row of the matching label matrix), found 2");
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    Path file = Files.writeString(folder.resolve("trn_X.txt"), "");
    assertFails(() -> TextLinesReader.read(file, 4), file, 0, 0, "empty file: expected 4 lines");
  }

  @Test
  void invalidUtf8FarIntoFileNamesExactLine() throws IOException {
    // Enough text that a block decoder would report the error far from its line.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int line = 1; line < 5000; line++) {
      bytes.writeBytes(("text number " + line + " with some words\n").getBytes(StandardCharsets.UTF_8));
    }
    bytes.writeBytes(new byte[] {'a', 'b', (byte) 0xc3, '(', '\n'});
    Path file = Files.write(folder.resolve("tst_X.txt"), bytes.toByteArray());
    assertFails(() -> TextLinesReader.read(file, -1), file, 5000, 3,
        "invalid UTF-8: byte sequence c3 at byte column 3", "convert the file to UTF-8");
  }

  @Test
  void invalidUtf8InsideGzipNamesLine() throws IOException {
    byte[] content = {'o', 'k', '\n', (byte) 0xff, '\n'};
    Path file = Files.write(folder.resolve("tst_X.txt.gz"), FormatErrors.gzip(content));
    assertFails(() -> TextLinesReader.read(file, -1), file, 2, 1, "invalid UTF-8: byte sequence ff");
  }

  @Test
  void truncatedUtf8SequenceAtLineEndIsRejected() throws IOException {
    byte[] content = {'a', (byte) 0xe4, (byte) 0xb8, '\n'};
    Path file = Files.write(folder.resolve("Y.txt"), content);
    assertFails(() -> TextLinesReader.read(file, -1), file, 1, 2, "invalid UTF-8");
  }

  @Test
  void gzipCutInsideHeaderIsRejected() throws IOException {
    Path file = Files.write(folder.resolve("Y.txt.gz"), new byte[] {0x1f, (byte) 0x8b, 8});
    assertFails(() -> TextLinesReader.read(file, -1), file, 0, 0, "truncated gzip data: the file ends inside the"
        + " gzip header");
  }

  @Test
  void corruptGzipIsRejected() throws IOException {
    byte[] compressed = FormatErrors.gzip("hello\nworld\n".getBytes(StandardCharsets.UTF_8));
    compressed[compressed.length - 5] ^= 0x40;
    Path file = Files.write(folder.resolve("Y.txt.gz"), compressed);
    assertFails(() -> TextLinesReader.read(file, -1), file, 3, 0, "corrupt gzip data (Corrupt GZIP trailer)");
  }

  @Test
  void missingFileIsRejected() {
    Path file = folder.resolve("trn_X.txt");
    assertFails(() -> TextLinesReader.read(file, -1), file, 0, 0, "missing file: it does not exist");
  }
}
