package io.leverxc.data;

import java.nio.file.Path;

/**
 * Finds a data set's filter files, which go by two names: {@code trn_filter_labels.txt} and
 * {@code tst_filter_labels.txt} in the Renée and LEVER releases, {@code filter_labels_train.txt}
 * and {@code filter_labels_test.txt} in the XC repository's downloads and NGAME. Each may be
 * gzip-compressed. A folder with both names for one split is refused rather than read by a
 * silent preference, since the two files could disagree.
 */
public final class FilterFiles {
  /** The training split's filter file as Renée and LEVER name it. */
  public static final String TRAIN = "trn_filter_labels.txt";
  /** The test split's filter file as Renée and LEVER name it. */
  public static final String TEST = "tst_filter_labels.txt";
  /** The training split's filter file as the XC repository's downloads name it. */
  public static final String REPOSITORY_TRAIN = "filter_labels_train.txt";
  /** The test split's filter file as the XC repository's downloads name it. */
  public static final String REPOSITORY_TEST = "filter_labels_test.txt";

  private FilterFiles() {}

  /**
   * Returns the training split's filter file in {@code directory}, or null when it has none.
   *
   * @throws DataFormatException if the folder contains the file under both names
   */
  public static Path train(Path directory) {
    return find(directory, TRAIN, REPOSITORY_TRAIN);
  }

  /**
   * Returns the test split's filter file in {@code directory}, or null when it has none.
   *
   * @throws DataFormatException if the folder contains the file under both names
   */
  public static Path test(Path directory) {
    return find(directory, TEST, REPOSITORY_TEST);
  }

  private static Path find(Path directory, String name, String repositoryName) {
    Path file = XcFiles.resolveOptional(directory, name);
    Path repositoryFile = XcFiles.resolveOptional(directory, repositoryName);
    if (file != null && repositoryFile != null) {
      throw new DataFormatException(directory, 0, "two filter files for one split, " + file.getFileName() + " and "
          + repositoryFile.getFileName() + ": expected one; remove or rename the one that should not be read");
    }
    return file != null ? file : repositoryFile;
  }
}
