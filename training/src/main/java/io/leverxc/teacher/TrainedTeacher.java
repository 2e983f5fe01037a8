package io.leverxc.teacher;

import io.leverxc.model.EmbeddingBagEncoder;
import java.util.List;

/**
 * A trained encoder with its training history.
 *
 * @param encoder the trained encoder
 * @param epochs statistics of every epoch, in order
 * @param trainingSeconds wall-clock time of all epochs, including re-clustering but not
 *     validation or set-up
 * @param threads worker threads used
 */
public record TrainedTeacher(EmbeddingBagEncoder encoder, List<EpochStats> epochs, double trainingSeconds, int threads) {

  /** Returns the number of batch rows trained over all epochs. */
  public long examples() {
    return epochs.stream().mapToLong(EpochStats::examples).sum();
  }

  /** Returns the training throughput per worker thread, in batch rows per second. */
  public double examplesPerSecondPerThread() {
    return trainingSeconds == 0 ? 0 : examples() / trainingSeconds / threads;
  }
}
