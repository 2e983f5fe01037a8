package io.leverxc.pipeline;

import io.leverxc.bundle.BundleReader;
import io.leverxc.classifier.ValidationSplit;
import io.leverxc.model.BundleLayout;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The texts a bundle was trained on, kept as 64-bit hashes so that a retrain can tell which of its
 * documents the parent has seen. A validation split drawn from seen documents would score the
 * parent's memory of them rather than its quality, and tune the new model's fusion weights on
 * that.
 */
final class TrainedTexts {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /**
   * Minimum number of unseen documents for the validation split to be drawn from them alone.
   * Below it the split is drawn from all documents, because a few unseen documents give fusion
   * weights as noisy as seen ones. NOTE: a judgment, not a measured value. In a 60-document test,
   * tuning on 3 unseen documents flipped a served prediction.
   */
  static final int MIN_UNSEEN_DOCUMENTS = 50;

  private TrainedTexts() {}

  /** Returns the 64-bit FNV-1a hash of the text's UTF-16 code units. */
  static long hash(String text) {
    long hash = FNV_OFFSET;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      hash = (hash ^ (c & 0xff)) * FNV_PRIME;
      hash = (hash ^ (c >>> 8)) * FNV_PRIME;
    }
    return hash;
  }

  /** Returns the hashes of {@code texts} at {@code rows} as int pairs, high half first, for the bundle. */
  static int[] encode(List<String> texts, int[] rows) {
    int[] pairs = new int[2 * rows.length];
    for (int i = 0; i < rows.length; i++) {
      long hash = hash(texts.get(rows[i]));
      pairs[2 * i] = (int) (hash >>> 32);
      pairs[2 * i + 1] = (int) hash;
    }
    return pairs;
  }

  /** Returns the hashes a bundle stored, or null when it stored none (bundles of older versions). */
  static LongOpenHashSet read(BundleReader bundle) {
    if (!bundle.has(BundleLayout.TRAINED_TEXT_HASHES)) {
      return null;
    }
    int[] pairs = bundle.ints(BundleLayout.TRAINED_TEXT_HASHES);
    LongOpenHashSet hashes = new LongOpenHashSet(pairs.length / 2);
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      hashes.add(((long) pairs[i] << 32) | (pairs[i + 1] & 0xffffffffL));
    }
    return hashes;
  }

  /**
   * Returns the rows of {@code texts} whose hash is in {@code trained} as the training part and the
   * others as the validation part, both ascending.
   */
  static ValidationSplit splitBy(List<String> texts, LongOpenHashSet trained) {
    int[] trainRows = new int[texts.size()];
    int[] validationRows = new int[texts.size()];
    int trainCount = 0;
    int validationCount = 0;
    for (int row = 0; row < texts.size(); row++) {
      if (trained.contains(hash(texts.get(row)))) {
        trainRows[trainCount++] = row;
      } else {
        validationRows[validationCount++] = row;
      }
    }
    return new ValidationSplit(Arrays.copyOf(trainRows, trainCount), Arrays.copyOf(validationRows, validationCount));
  }

  /** Returns how many of {@code texts} have a hash outside {@code seen}. */
  static int unseenCount(List<String> texts, LongOpenHashSet seen) {
    int count = 0;
    for (String text : texts) {
      if (!seen.contains(hash(text))) {
        count++;
      }
    }
    return count;
  }

  /**
   * Holds out {@code round(fraction · texts)} documents chosen at random among those whose hash is
   * not in {@code seen}, or every such document when there are fewer. Without {@code seen}, or
   * with fewer than {@link #MIN_UNSEEN_DOCUMENTS} unseen documents, it falls back to {@link
   * ValidationSplit#carve} over all documents.
   *
   * @throws IllegalArgumentException as {@link ValidationSplit#carve} does
   */
  static ValidationSplit carveUnseen(List<String> texts, LongOpenHashSet seen, double fraction, long seed) {
    int rows = texts.size();
    if (seen == null) {
      return ValidationSplit.carve(rows, fraction, seed);
    }
    List<Integer> unseen = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      if (!seen.contains(hash(texts.get(row)))) {
        unseen.add(row);
      }
    }
    int requested = (int) Math.round(fraction * rows);
    if (unseen.size() < MIN_UNSEEN_DOCUMENTS || requested == 0) {
      return ValidationSplit.carve(rows, fraction, seed);
    }

    SplittableRandom random = new SplittableRandom(seed);
    int[] candidates = unseen.stream().mapToInt(Integer::intValue).toArray();
    for (int i = candidates.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = candidates[i];
      candidates[i] = candidates[j];
      candidates[j] = swap;
    }
    int validationCount = Math.min(requested, candidates.length);
    if (validationCount == rows) {
      return ValidationSplit.carve(rows, fraction, seed);
    }
    int[] validation = Arrays.copyOf(candidates, validationCount);
    Arrays.sort(validation);
    boolean[] isValidation = new boolean[rows];
    for (int row : validation) {
      isValidation[row] = true;
    }
    int[] train = new int[rows - validationCount];
    int next = 0;
    for (int row = 0; row < rows; row++) {
      if (!isValidation[row]) {
        train[next++] = row;
      }
    }
    return new ValidationSplit(train, validation);
  }
}
