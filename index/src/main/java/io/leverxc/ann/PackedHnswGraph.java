package io.leverxc.ann;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * An immutable HNSW graph in flat int arrays (compressed sparse rows per layer), built from
 * Lucene's {@link OnHeapHnswGraph} and searched through {@link #cursor()}.
 *
 * <p>Layer 0 contains every node 0..size-1, so its node list is implicit. Each upper layer stores
 * its nodes sorted ascending, and a seek on it finds the node by binary search. Compared with the
 * on-heap graph this drops the per-node objects and score arrays, and it serialises as plain ints.
 */
final class PackedHnswGraph {
  private final int size;
  private final int maxConn;
  private final int entryNode;
  /** Sorted node ids of each level above 0. nodes[0] is null because layer 0 has every node. */
  private final int[][] nodes;
  /** Neighbours of nodes[level][i] are neighbors[level][offsets[level][i] .. offsets[level][i + 1]). */
  private final int[][] offsets;
  private final int[][] neighbors;

  private PackedHnswGraph(
      int size, int maxConn, int entryNode, int[][] nodes, int[][] offsets, int[][] neighbors) {
    this.size = size;
    this.maxConn = maxConn;
    this.entryNode = entryNode;
    this.nodes = nodes;
    this.offsets = offsets;
    this.neighbors = neighbors;
  }

  /** Copies every layer of {@code graph}. */
  static PackedHnswGraph of(OnHeapHnswGraph graph) {
    int size = graph.size();
    int levels = size == 0 ? 0 : graph.numLevels();
    int[][] nodes = new int[levels][];
    int[][] offsets = new int[levels][];
    int[][] neighbors = new int[levels][];
    for (int level = 0; level < levels; level++) {
      int[] levelNodes = nodesOn(graph, level, size);
      int[] levelOffsets = new int[levelNodes.length + 1];
      int total = 0;
      for (int i = 0; i < levelNodes.length; i++) {
        total += graph.getNeighbors(level, levelNodes[i]).size();
        levelOffsets[i + 1] = total;
      }
      int[] levelNeighbors = new int[total];
      for (int i = 0; i < levelNodes.length; i++) {
        NeighborArray array = graph.getNeighbors(level, levelNodes[i]);
        System.arraycopy(array.nodes(), 0, levelNeighbors, levelOffsets[i], array.size());
      }
      nodes[level] = level == 0 ? null : levelNodes;
      offsets[level] = levelOffsets;
      neighbors[level] = levelNeighbors;
    }
    int entry = size == 0 ? -1 : graph.entryNode();
    return new PackedHnswGraph(size, graph.maxConn(), entry, nodes, offsets, neighbors);
  }

  private static int[] nodesOn(OnHeapHnswGraph graph, int level, int size) {
    if (level == 0) {
      int[] all = new int[size];
      Arrays.setAll(all, i -> i);
      return all;
    }
    HnswGraph.NodesIterator iterator = graph.getNodesOnLevel(level);
    int[] levelNodes = new int[iterator.size()];
    for (int i = 0; i < levelNodes.length; i++) {
      levelNodes[i] = iterator.nextInt();
    }
    Arrays.sort(levelNodes);
    return levelNodes;
  }

  int size() {
    return size;
  }

  int levels() {
    return offsets.length;
  }

  /** Total number of stored edges over all layers. */
  long edges() {
    long total = 0;
    for (int[] levelNeighbors : neighbors) {
      total += levelNeighbors.length;
    }
    return total;
  }

  /** Returns a new read cursor; each search needs its own because a cursor keeps a position. */
  HnswGraph cursor() {
    return new Cursor();
  }

  /**
   * Serialises the graph as little-endian ints: size, maxConn, entryNode, levels, then per level
   * (node count and nodes for levels above 0), offsets, edge count, neighbours.
   */
  byte[] toBytes() {
    long ints = 4;
    for (int level = 0; level < levels(); level++) {
      ints += (level == 0 ? 0 : 1 + nodes[level].length) + offsets[level].length + 1;
      ints += neighbors[level].length;
    }
    if (ints * Integer.BYTES > Integer.MAX_VALUE - 64) {
      throw new IllegalStateException("graph of " + ints + " ints is too large for one array");
    }
    ByteBuffer buffer =
        ByteBuffer.allocate((int) ints * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    IntBuffer out = buffer.asIntBuffer();
    out.put(size).put(maxConn).put(entryNode).put(levels());
    for (int level = 0; level < levels(); level++) {
      if (level > 0) {
        out.put(nodes[level].length).put(nodes[level]);
      }
      out.put(offsets[level]);
      out.put(neighbors[level].length).put(neighbors[level]);
    }
    return buffer.array();
  }

  /**
   * Parses {@link #toBytes()} output and checks every count, offset and node id, so that a
   * damaged graph fails here rather than during a search.
   *
   * @throws CorruptIndexException naming {@code source} and the failed check
   */
  static PackedHnswGraph fromBytes(ByteBuffer bytes, int expectedSize, String source) {
    if (bytes.remaining() % Integer.BYTES != 0) {
      throw new CorruptIndexException(
          source, "Lucene graph length " + bytes.remaining() + " is not a multiple of 4");
    }
    IntBuffer in = bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    try {
      GraphReader reader = new GraphReader(in, source);
      int size = reader.count("graph size", expectedSize, expectedSize);
      int maxConn = reader.count("maxConn", 1, IndexSettings.MAX_M);
      int entry = reader.count("entry node", size == 0 ? -1 : 0, size - 1);
      int levels = reader.count("level count", size == 0 ? 0 : 1, 64);
      int[][] nodes = new int[levels][];
      int[][] offsets = new int[levels][];
      int[][] neighbors = new int[levels][];
      for (int level = 0; level < levels; level++) {
        int nodeCount = size;
        if (level > 0) {
          nodeCount = reader.count("node count of level " + level, 1, size);
          nodes[level] = reader.sortedIds(nodeCount, size, "nodes of level " + level);
        }
        offsets[level] = reader.offsets(nodeCount + 1, 2 * maxConn, "offsets of level " + level);
        int edges = reader.count("edge count of level " + level, 0, Integer.MAX_VALUE);
        if (edges != offsets[level][nodeCount]) {
          throw new CorruptIndexException(
              source,
              "level " + level + " has " + edges + " edges but its offsets end at "
                  + offsets[level][nodeCount]);
        }
        neighbors[level] = reader.ids(edges, size, "neighbours of level " + level);
      }
      if (in.hasRemaining()) {
        throw new CorruptIndexException(
            source, in.remaining() + " unexpected ints after the Lucene graph");
      }
      if (levels > 1 && Arrays.binarySearch(nodes[levels - 1], entry) < 0) {
        throw new CorruptIndexException(source, "entry node " + entry + " is not on the top level");
      }
      return new PackedHnswGraph(size, maxConn, entry, nodes, offsets, neighbors);
    } catch (BufferUnderflowException e) {
      throw new CorruptIndexException(source, "Lucene graph is truncated", e);
    }
  }

  /** Reads and range-checks the int fields of a serialised graph. */
  private record GraphReader(IntBuffer in, String source) {
    int count(String field, int min, int max) {
      int value = in.get();
      if (value < min || value > max) {
        throw new CorruptIndexException(
            source, "invalid " + field + " " + value + ": expected " + min + " to " + max);
      }
      return value;
    }

    int[] ids(int length, int size, String field) {
      if (length > in.remaining()) {
        throw new CorruptIndexException(
            source, field + " needs " + length + " ints, only " + in.remaining() + " remain");
      }
      int[] values = new int[length];
      in.get(values);
      for (int value : values) {
        if (value < 0 || value >= size) {
          throw new CorruptIndexException(
              source, "invalid node id " + value + " in " + field + ": expected 0 to " + (size - 1));
        }
      }
      return values;
    }

    int[] sortedIds(int length, int size, String field) {
      int[] values = ids(length, size, field);
      for (int i = 1; i < values.length; i++) {
        if (values[i] <= values[i - 1]) {
          throw new CorruptIndexException(source, field + " are not strictly ascending at " + i);
        }
      }
      return values;
    }

    int[] offsets(int length, int maxDegree, String field) {
      if (length > in.remaining()) {
        throw new CorruptIndexException(
            source, field + " needs " + length + " ints, only " + in.remaining() + " remain");
      }
      int[] values = new int[length];
      in.get(values);
      if (values[0] != 0) {
        throw new CorruptIndexException(source, field + " must start at 0, found " + values[0]);
      }
      for (int i = 1; i < values.length; i++) {
        int degree = values[i] - values[i - 1];
        if (degree < 0 || degree > maxDegree) {
          throw new CorruptIndexException(
              source,
              field + ": node " + (i - 1) + " has " + degree + " neighbours, expected 0 to "
                  + maxDegree);
        }
      }
      return values;
    }
  }

  /** A Lucene {@link HnswGraph} view with its own seek position over the shared arrays. */
  private final class Cursor extends HnswGraph {
    private int[] current = new int[0];
    private int start;
    private int position;
    private int end;

    @Override
    public void seek(int level, int target) {
      int index = level == 0 ? target : Arrays.binarySearch(nodes[level], target);
      if (index < 0) {
        throw new IllegalStateException("node " + target + " is not on level " + level);
      }
      current = neighbors[level];
      start = offsets[level][index];
      position = start;
      end = offsets[level][index + 1];
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int nextNeighbor() {
      return position < end ? current[position++] : DocIdSetIterator.NO_MORE_DOCS;
    }

    @Override
    public int numLevels() {
      return levels();
    }

    @Override
    public int maxConn() {
      return maxConn;
    }

    @Override
    public int entryNode() {
      return entryNode;
    }

    @Override
    public int neighborCount() {
      return end - start;
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) {
      if (level == 0) {
        int[] all = new int[size];
        Arrays.setAll(all, i -> i);
        return new ArrayNodesIterator(all, size);
      }
      return new ArrayNodesIterator(nodes[level], nodes[level].length);
    }
  }
}
