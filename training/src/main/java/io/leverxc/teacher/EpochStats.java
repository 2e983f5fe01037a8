package io.leverxc.teacher;

import io.leverxc.eval.EvaluationResult;

/**
 * Statistics of one training epoch.
 *
 * @param epoch 1-based epoch number
 * @param meanLoss mean over batch rows of the row's triplet loss
 * @param violatingShare share of mined (label, negative) triplets with a positive hinge
 * @param seconds wall-clock time of the epoch's batches and of any re-clustering before them,
 *     without validation
 * @param examples batch rows trained, one per label item
 * @param validation validation scores after the epoch, or null when none ran
 */
public record EpochStats(
    int epoch, double meanLoss, double violatingShare, double seconds, long examples, EvaluationResult validation) {}
