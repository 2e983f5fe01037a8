package io.leverxc.cli;

import io.leverxc.data.TemporaryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks a command's output files before any work: that their folders exist, and that no output
 * would replace one of the command's inputs, such as an evaluation report written over the test
 * labels.
 */
final class OutputPaths {
  /** The file that marks a model bundle folder. */
  private static final String BUNDLE_MANIFEST = "manifest.json";

  private OutputPaths() {}

  /**
   * Checks that the folder of {@code output} exists and is not a model bundle, and that
   * {@code output} is not empty, not a folder and, if it exists, a regular file.
   *
   * @throws IllegalArgumentException naming the option and the path
   */
  static void checkWritable(String option, Path output) {
    if (output.toString().isEmpty()) {
      throw new IllegalArgumentException(option + " is empty; give a file path");
    }
    if (TemporaryFiles.isSpecialFile(output)) {
      // A rename onto a device or FIFO replaces it with a regular file, and as root that includes /dev/null.
      throw new IllegalArgumentException(option + " " + output + " is not a regular file (a device, FIFO or socket);"
          + " outputs are written to a temporary file that is then renamed onto the path, which would replace it,"
          + " so give the path of a regular file");
    }
    if (Files.isDirectory(output)) {
      throw new IllegalArgumentException(option + " " + output + " is a folder; give a file path");
    }
    Path folder = output.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException(
          option + ": the folder " + folder + " of " + output + " does not exist; create it or choose another path");
    }
    if (folder != null && Files.isRegularFile(folder.resolve(BUNDLE_MANIFEST))) {
      throw new IllegalArgumentException(option + " " + output + " is inside the model bundle " + folder
          + "; a file written there could replace one of the bundle's, so choose another folder");
    }
  }


  /**
   * Checks that {@code output} is not one of {@code inputs}, which are keyed by option name.
   *
   * @throws IllegalArgumentException naming both options
   */
  static void checkNotInput(String option, Path output, Map<String, Path> inputs) {
    for (Map.Entry<String, Path> input : inputs.entrySet()) {
      if (input.getValue() != null && sameFile(output, input.getValue())) {
        throw new IllegalArgumentException(option + " " + output + " is the " + input.getKey()
            + " file; writing it would replace that input, so choose another path");
      }
    }
  }

  /**
   * Checks that no two of {@code outputs}, keyed by option name, name the same file, because the
   * second written would replace the first. Null paths are skipped.
   *
   * @throws IllegalArgumentException naming both options
   */
  static void checkDistinct(Map<String, Path> outputs) {
    List<Map.Entry<String, Path>> given = outputs.entrySet().stream().filter(entry -> entry.getValue() != null).toList();
    for (int i = 0; i < given.size(); i++) {
      for (int j = i + 1; j < given.size(); j++) {
        Path first = given.get(i).getValue();
        Path second = given.get(j).getValue();
        if (first.toAbsolutePath().normalize().equals(second.toAbsolutePath().normalize()) || sameFile(first, second)) {
          throw new IllegalArgumentException(given.get(i).getKey() + " and " + given.get(j).getKey() + " both name "
              + first + "; the second written would replace the first, so give each its own path");
        }
      }
    }
  }

  /**
   * Checks that {@code output} is not one of the files of the data set folder {@code folder}.
   *
   * @throws IllegalArgumentException naming the option and the folder
   */
  static void checkNotInFolder(String option, Path output, Path folder) {
    if (!Files.exists(output) || !Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      if (files.anyMatch(file -> sameFile(output, file))) {
        throw new IllegalArgumentException(option + " " + output + " is a file of the data set " + folder
            + "; writing it would replace that file, so choose another path");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + folder + " failed", e);
    }
  }

  private static boolean sameFile(Path first, Path second) {
    if (!Files.exists(first) || !Files.exists(second)) {
      return false;
    }
    try {
      return Files.isSameFile(first, second);
    } catch (IOException e) {
      return first.toAbsolutePath().normalize().equals(second.toAbsolutePath().normalize());
    }
  }
}
