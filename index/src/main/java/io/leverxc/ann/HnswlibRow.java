package io.leverxc.ann;

import com.github.jelmerk.hnswlib.core.Item;

/**
 * An hnswlib item and vector in one object: either a row of the indexed matrix, referred to by
 * its index, or a prepared query. Rows hold no float data, so the graph adds no copy of the
 * vectors.
 */
final class HnswlibRow implements Item<Integer, HnswlibRow> {
  private static final long serialVersionUID = 1L;

  final int row;
  /** The prepared query, or null for a matrix row. */
  final transient float[] query;
  private final int dimension;

  private HnswlibRow(int row, float[] query, int dimension) {
    this.row = row;
    this.query = query;
    this.dimension = dimension;
  }

  static HnswlibRow ofRow(int row, int dimension) {
    return new HnswlibRow(row, null, dimension);
  }

  static HnswlibRow ofQuery(float[] preparedQuery) {
    return new HnswlibRow(-1, preparedQuery, preparedQuery.length);
  }

  @Override
  public Integer id() {
    return row;
  }

  @Override
  public HnswlibRow vector() {
    return this;
  }

  @Override
  public int dimensions() {
    return dimension;
  }
}
