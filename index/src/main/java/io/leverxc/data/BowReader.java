package io.leverxc.data;

import java.nio.file.Path;

/**
 * Reads the classic XC bag-of-words format of feature-only data sets: a header
 * {@code num_points num_features num_labels}, then one line per point,
 * {@code l1,l2,... f:v f:v ...}, with 0-based ids. A point without labels starts with a space.
 */
public final class BowReader {
  private BowReader() {}

  /**
   * Reads a whole file.
   *
   * @throws DataFormatException naming file, line and column for a malformed header or line, an id
   *     out of range, a repeated label or feature on a line, or a point count that disagrees with
   *     the header
   */
  public static BowDataset read(Path file) {
    try (LineReader reader = LineReader.open(file)) {
      String header = reader.next();
      if (header == null) {
        throw new DataFormatException(file, 0, "empty file: expected a header 'num_points num_features num_labels'");
      }
      String[] parts = header.trim().split("\\s+");
      if (parts.length != 3) {
        throw new DataFormatException(file, 1, "expected header 'num_points num_features num_labels', found '"
            + header + "'");
      }
      int points = SparseMatrixReader.parseCount(file, parts[0], "num_points");
      int featureCount = SparseMatrixReader.parseCount(file, parts[1], "num_features");
      int labelCount = SparseMatrixReader.parseCount(file, parts[2], "num_labels");

      LabelMatrix.Builder features = new LabelMatrix.Builder(featureCount);
      LabelMatrix.Builder labels = new LabelMatrix.Builder(labelCount);
      SparseRowParser featureParser = new SparseRowParser("feature id");
      LabelListParser labelParser = new LabelListParser();
      String line;
      while ((line = reader.next()) != null) {
        long lineNumber = reader.lineNumber();
        if (features.rows() == points) {
          if (line.isBlank()) {
            continue;
          }
          throw new DataFormatException(file, lineNumber, "point " + (points + 1) + " found, but the header"
              + " declares num_points = " + points + ": expected end of file");
        }
        int labelEnd = labelParser.parse(file, lineNumber, line, labelCount);
        featureParser.parse(file, lineNumber, line, labelEnd, featureCount, "the header's num_features");
        labels.addRow(labelParser.ids(), labelParser.ones(), labelParser.count());
        features.addRow(featureParser.ids(), featureParser.values(), featureParser.count());
      }
      if (features.rows() != points) {
        throw new DataFormatException(file, 1, "header declares num_points = " + points + ", but the file has "
            + features.rows() + " points (it ends at line " + reader.lineNumber() + ")");
      }
      return new BowDataset(features.build(), labels.build());
    }
  }
}
