package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoadersTest {
  @TempDir Path folder;

  @Test
  void manifestFileInPlaceOfFolderIsNamed() throws IOException {
    Path manifest = Files.writeString(folder.resolve("manifest.json"), "{}");

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ModelLoaders.load(manifest));

    assertEquals(manifest + " is a file; pass the folder that contains it: a model bundle (with manifest.json)"
        + " written by 'lever train', or an XC data set folder (with Y.txt or lbl.json)", error.getMessage());
  }

  @Test
  void folderWithoutModelOrDataIsRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ModelLoaders.load(folder));

    assertEquals(folder + " is neither a model bundle (no manifest.json) nor an XC dataset folder (no Y.txt or"
        + " lbl.json, plain or .gz); pass a bundle written by 'lever train', or a dataset folder such as"
        + " data/LF-WordNetHierarchy-15K to serve the TF-IDF label-text baseline", error.getMessage());
  }

  @Test
  void jsonLinesFolderServesBaseline() throws Exception {
    Files.writeString(folder.resolve("lbl.json"), "{\"title\": \"dog pet\"}\n{\"title\": \"cat pet\"}\n");
    Files.writeString(folder.resolve("trn.json"), "{\"title\": \"young dog pet\", \"target_ind\": [0]}\n"
        + "{\"title\": \"young cat pet\", \"target_ind\": [1]}\n{\"title\": \"old dog pet\", \"target_ind\": [0]}\n");

    try (io.leverxc.model.LabelPredictor baseline = ModelLoaders.load(folder, 1)) {
      assertEquals(2, baseline.labelCount());
    }
  }
}
