package io.leverxc.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {
  @TempDir Path folder;

  @Test
  void sha256OfKnownText() throws IOException {
    Path file = Files.writeString(folder.resolve("abc.txt"), "abc");

    // The SHA-256 test vector of "abc" from FIPS 180-2.
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", FileDigests.sha256(file));
  }

  @Test
  void missingFileIsNamed() {
    Path absent = folder.resolve("trn_doc_embeddings.npy");

    UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> FileDigests.sha256(absent));

    assertEquals("file not found: " + absent, error.getMessage());
  }
}
