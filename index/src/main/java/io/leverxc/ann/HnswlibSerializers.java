package io.leverxc.ann;

import com.github.jelmerk.hnswlib.core.ObjectSerializer;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

/**
 * hnswlib serialisers that write ids and items as plain ints, so that a saved graph contains no
 * serialised object per row and the deserialisation allow-list stays short.
 */
final class HnswlibSerializers {
  private HnswlibSerializers() {}

  /** Writes an Integer id as 4 bytes. */
  static final class Ids implements ObjectSerializer<Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public void write(Integer id, ObjectOutput out) throws IOException {
      out.writeInt(id);
    }

    @Override
    public Integer read(ObjectInput in) throws IOException {
      return in.readInt();
    }
  }

  /** Writes a row item as its row index; the dimension is stored once in this serialiser. */
  static final class Rows implements ObjectSerializer<HnswlibRow> {
    private static final long serialVersionUID = 1L;
    private final int dimension;

    Rows(int dimension) {
      this.dimension = dimension;
    }

    @Override
    public void write(HnswlibRow item, ObjectOutput out) throws IOException {
      out.writeInt(item.row);
    }

    @Override
    public HnswlibRow read(ObjectInput in) throws IOException {
      return HnswlibRow.ofRow(in.readInt(), dimension);
    }
  }
}
