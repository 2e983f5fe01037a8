package io.leverxc.data;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a data set's filter files, which go by two names: {@code trn_filter_labels.txt} and
 * {@code tst_filter_labels.txt} in the Renée and LEVER releases, {@code filter_labels_train.txt}
 * and {@code filter_labels_test.txt} in the XC repository's downloads and NGAME. Each may be
 * gzip-compressed. In a folder with both names for one split, the Renée and LEVER name is read
 * and a warning names the file left out, because the two could disagree.
 */
public final class FilterFiles {
  private static final Logger LOG = LoggerFactory.getLogger(FilterFiles.class);

  /** The training split's filter file as Renée and LEVER name it. */
  public static final String TRAIN = "trn_filter_labels.txt";
  /** The test split's filter file as Renée and LEVER name it. */
  public static final String TEST = "tst_filter_labels.txt";
  /** The training split's filter file as the XC repository's downloads name it. */
  public static final String REPOSITORY_TRAIN = "filter_labels_train.txt";
  /** The test split's filter file as the XC repository's downloads name it. */
  public static final String REPOSITORY_TEST = "filter_labels_test.txt";

  private FilterFiles() {}

  /** Returns the training split's filter file in {@code directory}, or null when it has none. */
  public static Path train(Path directory) {
    return find(directory, TRAIN, REPOSITORY_TRAIN, true);
  }

  /** Returns the test split's filter file in {@code directory}, or null when it has none. */
  public static Path test(Path directory) {
    return find(directory, TEST, REPOSITORY_TEST, true);
  }

  /**
   * Returns the test split's filter file as {@link #test} does, without its warning about two
   * files, for callers that only name the file the data set loader already chose.
   */
  public static Path testChosen(Path directory) {
    return find(directory, TEST, REPOSITORY_TEST, false);
  }

  private static Path find(Path directory, String name, String repositoryName, boolean warnOfTwo) {
    Path file = XcFiles.resolveOptional(directory, name);
    Path repositoryFile = XcFiles.resolveOptional(directory, repositoryName);
    if (warnOfTwo && file != null && repositoryFile != null) {
      LOG.warn("{} has two filter files for one split, {} and {}; reading {} and leaving out {} (remove or rename the"
          + " one that should not be read)", directory, file.getFileName(), repositoryFile.getFileName(),
          file.getFileName(), repositoryFile.getFileName());
    }
    return file != null ? file : repositoryFile;
  }
}
