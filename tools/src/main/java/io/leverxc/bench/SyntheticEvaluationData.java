package io.leverxc.bench;

import io.leverxc.data.TemporaryFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded synthetic ground truth, train labels and top-k predictions in the XC text formats, for
 * timing the evaluator at scale. Label popularity follows a power law (small ids are frequent), each
 * document has 1 to 8 labels, and each prediction row contains about half of the document's true
 * labels among {@code top} distinct labels with 4-decimal scores in random order. The same
 * parameters and seed always give the same bytes.
 */
final class SyntheticEvaluationData {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticEvaluationData.class);

  private static final int MAX_LABELS_PER_DOCUMENT = 8;
  /** Exponent of the label sampler {@code L·u^SKEW}: larger values concentrate positives on small ids. */
  private static final double SKEW = 2.5;
  private static final double TRUE_LABEL_RECALL = 0.5;
  private static final int SCORE_DECIMALS = 10_000;
  private static final int PROGRESS_INTERVAL_DOCUMENTS = 200_000;
  private static final int WRITE_BUFFER_BYTES = 1 << 20;

  /** Marker written last, so a half-written folder from an interrupted run is regenerated. */
  static final String COMPLETE_MARKER = "COMPLETE";

  final Path folder;
  final int documents;
  final int labels;
  final int top;
  final long seed;

  SyntheticEvaluationData(Path root, int documents, int labels, int top, long seed) {
    this.folder = root.resolve(String.format(Locale.ROOT, "d%d-l%d-top%d-seed%d", documents, labels, top, seed));
    this.documents = documents;
    this.labels = labels;
    this.top = top;
    this.seed = seed;
  }

  Path truth() {
    return folder.resolve("tst_X_Y.txt");
  }

  Path train() {
    return folder.resolve("trn_X_Y.txt");
  }

  Path predictions() {
    return folder.resolve("predictions.txt");
  }

  /** Generates the three files unless a complete earlier run with the same parameters exists. */
  void generateIfMissing() {
    if (Files.exists(folder.resolve(COMPLETE_MARKER))) {
      LOG.info("Reusing synthetic data in {}", folder);
      return;
    }
    try {
      Files.createDirectories(folder);
      LOG.info("Generating synthetic data in {} ({} documents, {} labels, top {})", folder, documents, labels, top);
      writeLabels(train(), new SplittableRandom(seed));
      writeLabels(truth(), new SplittableRandom(seed + 1));
      writePredictions(new SplittableRandom(seed + 1), new SplittableRandom(seed + 2));
      Files.writeString(folder.resolve(COMPLETE_MARKER), "");
    } catch (IOException e) {
      throw new UncheckedIOException("generating synthetic data in " + folder + " failed: " + e.getMessage(), e);
    }
  }

  private int sampleLabel(SplittableRandom random) {
    return (int) (labels * Math.pow(random.nextDouble(), SKEW));
  }

  /** Draws one document's distinct labels into {@code out}; {@code stamps} marks labels already drawn. */
  private int sampleRow(SplittableRandom random, int[] out, int[] stamps, int stamp) {
    // A label space smaller than the per-document maximum caps the draw, or the loop below would
    // never find enough distinct labels.
    int count = 1 + random.nextInt(Math.min(MAX_LABELS_PER_DOCUMENT, labels));
    int size = 0;
    while (size < count) {
      int label = sampleLabel(random);
      if (stamps[label] != stamp) {
        stamps[label] = stamp;
        out[size++] = label;
      }
    }
    return size;
  }

  private void writeLabels(Path file, SplittableRandom random) throws IOException {
    int[] row = new int[MAX_LABELS_PER_DOCUMENT];
    int[] stamps = new int[labels];
    Path temporary = TemporaryFiles.createBeside(file);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), WRITE_BUFFER_BYTES)) {
      out.write((documents + " " + labels + "\n").getBytes(StandardCharsets.US_ASCII));
      for (int document = 0; document < documents; document++) {
        int size = sampleRow(random, row, stamps, document + 1);
        for (int i = 0; i < size; i++) {
          if (i > 0) {
            out.write(' ');
          }
          writeInt(out, row[i]);
          out.write(":1".getBytes(StandardCharsets.US_ASCII));
        }
        out.write('\n');
      }
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Writes predictions. {@code truthRandom} replays the truth's draws, so each row can include some
   * of the document's true labels without holding the truth in memory.
   */
  private void writePredictions(SplittableRandom truthRandom, SplittableRandom random) throws IOException {
    int[] truthRow = new int[MAX_LABELS_PER_DOCUMENT];
    int[] truthStamps = new int[labels];
    int[] stamps = new int[labels];
    int[] row = new int[top];
    Path file = predictions();
    Path temporary = TemporaryFiles.createBeside(file);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), WRITE_BUFFER_BYTES)) {
      out.write((documents + " " + labels + "\n").getBytes(StandardCharsets.US_ASCII));
      for (int document = 0; document < documents; document++) {
        int stamp = document + 1;
        int truthSize = sampleRow(truthRandom, truthRow, truthStamps, stamp);
        int size = 0;
        for (int i = 0; i < truthSize && size < top; i++) {
          if (random.nextDouble() < TRUE_LABEL_RECALL) {
            stamps[truthRow[i]] = stamp;
            row[size++] = truthRow[i];
          }
        }
        while (size < Math.min(top, labels)) {
          int label = sampleLabel(random);
          if (stamps[label] != stamp) {
            stamps[label] = stamp;
            row[size++] = label;
          }
        }
        for (int i = 0; i < size; i++) {
          if (i > 0) {
            out.write(' ');
          }
          writeInt(out, row[i]);
          out.write(':');
          out.write('0');
          out.write('.');
          writeFixedDigits(out, random.nextInt(SCORE_DECIMALS));
        }
        out.write('\n');
        if ((document + 1) % PROGRESS_INTERVAL_DOCUMENTS == 0) {
          LOG.info("Wrote predictions for {} of {} documents", document + 1, documents);
        }
      }
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeInt(OutputStream out, int value) throws IOException {
    if (value >= 10) {
      writeInt(out, value / 10);
    }
    out.write('0' + value % 10);
  }

  /** Writes a value below 10,000 as exactly four digits. */
  private static void writeFixedDigits(OutputStream out, int value) throws IOException {
    out.write('0' + value / 1000);
    out.write('0' + value / 100 % 10);
    out.write('0' + value / 10 % 10);
    out.write('0' + value % 10);
  }
}
