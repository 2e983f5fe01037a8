package io.leverxc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XcFilesTest {
  @TempDir Path folder;

  @Test
  void resolveWarnsWhenBothFormsExist() throws IOException {
    Path plain = Files.writeString(folder.resolve("tst_filter_labels.txt"), "1 2\n");
    Path gzip = Files.writeString(folder.resolve("tst_filter_labels.txt.gz"), "");

    String log = logDuring(() -> {
      assertEquals(plain, XcFiles.resolve(folder, "tst_filter_labels.txt"));
      return null;
    });

    assertTrue(log.contains("WARN"), log);
    assertTrue(log.contains(plain.toString()), log);
    assertTrue(log.contains(gzip.toString()), log);
  }

  @Test
  void resolveOptionalWarnsWhenBothFormsExist() throws IOException {
    Path plain = Files.writeString(folder.resolve("trn_filter_labels.txt"), "1 2\n");
    Files.writeString(folder.resolve("trn_filter_labels.txt.gz"), "");

    String log = logDuring(() -> {
      assertEquals(plain, XcFiles.resolveOptional(folder, "trn_filter_labels.txt"));
      return null;
    });

    assertTrue(log.contains("WARN"), log);
  }

  @Test
  void twinWarnsOncePerFile() throws IOException {
    Files.writeString(folder.resolve("Y.txt"), "label\n");
    Files.writeString(folder.resolve("Y.txt.gz"), "");

    String log = logDuring(() -> {
      XcFiles.resolve(folder, "Y.txt");
      XcFiles.resolve(folder, "Y.txt");
      XcFiles.resolveOptional(folder, "Y.txt");
      return null;
    });

    assertEquals(1, log.lines().filter(line -> line.contains("WARN")).count(), log);
  }

  @Test
  void plainAloneFoundSilently() throws IOException {
    Path plain = Files.writeString(folder.resolve("trn_X.txt"), "text\n");

    String log = logDuring(() -> {
      assertEquals(plain, XcFiles.resolve(folder, "trn_X.txt"));
      assertEquals(plain, XcFiles.resolveOptional(folder, "trn_X.txt"));
      return null;
    });

    assertEquals("", log);
  }

  @Test
  void compressedAloneFoundSilently() throws IOException {
    Path gzip = Files.writeString(folder.resolve("trn_X.txt.gz"), "");

    String log = logDuring(() -> {
      assertEquals(gzip, XcFiles.resolve(folder, "trn_X.txt"));
      assertEquals(gzip, XcFiles.resolveOptional(folder, "trn_X.txt"));
      return null;
    });

    assertEquals("", log);
  }

  @Test
  void missingFileNamesBothForms() {
    DataFormatException error =
        assertThrows(DataFormatException.class, () -> XcFiles.resolve(folder, "Y.txt"));

    assertTrue(error.getMessage().contains(folder.resolve("Y.txt").toString()), error.getMessage());
    assertTrue(error.getMessage().contains(folder.resolve("Y.txt.gz").toString()), error.getMessage());
    assertNull(XcFiles.resolveOptional(folder, "Y.txt"));
  }

  // slf4j-simple, the tests' binding, looks up System.err for every line it writes.
  static String logDuring(Supplier<Void> action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.get();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
