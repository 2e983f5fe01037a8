package io.leverxc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryFilesTest {
  @TempDir Path folder;

  @Test
  void createsAnEmptyHiddenFileBesideTheTarget() throws IOException {
    Path target = folder.resolve("predictions.txt");

    Path first = TemporaryFiles.createBeside(target);
    Path second = TemporaryFiles.createBeside(target);

    assertEquals(folder, first.getParent());
    assertTrue(first.getFileName().toString().startsWith(".predictions.txt."), first.toString());
    assertTrue(first.getFileName().toString().endsWith(".tmp"), first.toString());
    assertEquals(0, Files.size(first));
    assertNotEquals(first, second);
  }

  @Test
  void permissionsMatchAnyNewFile() throws IOException {
    Path plain = Files.createFile(folder.resolve("plain.txt"));

    Path temporary = TemporaryFiles.createBeside(folder.resolve("report.html"));

    // Both follow the umask, where Files.createTempFile would give owner-only access.
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(temporary));
  }

  @Test
  void longTargetNamesGetAShortEnoughTemporaryName() throws IOException {
    Path target = folder.resolve("p".repeat(250));

    Path temporary = TemporaryFiles.createBeside(target);

    assertTrue(temporary.getFileName().toString().length() <= 255, temporary.toString());
    assertTrue(temporary.getFileName().toString().startsWith("." + "p".repeat(200) + "."), temporary.toString());
  }

  @Test
  void fifoTargetIsRejected() throws Exception {
    Path fifo = folder.resolve("predictions.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());

    IOException error = assertThrows(IOException.class, () -> TemporaryFiles.createBeside(fifo));

    assertTrue(error.getMessage().startsWith(fifo + " is not a regular file (a device, FIFO or socket)"),
        error.getMessage());
    try (var listing = Files.list(folder)) {
      assertEquals(1, listing.count(), "no temporary file was created");
    }
  }
}
