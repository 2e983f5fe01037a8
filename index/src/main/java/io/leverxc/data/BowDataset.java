package io.leverxc.data;

/**
 * A data set in the classic bag-of-words format: sparse feature vectors and label sets.
 *
 * @param features documents × features, with the values of the file (often TF-IDF)
 * @param labels documents × labels, every value 1
 */
public record BowDataset(LabelMatrix features, LabelMatrix labels) {}
