package io.leverxc.model;

import io.leverxc.ann.DotProducts;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The Siamese teacher's encoder: a TF-IDF-weighted bag of feature embeddings, one residual block
 * and L2 normalisation. For sparse features {@code x}, embedding table {@code E}, block weights
 * {@code W} and bias {@code b}:
 *
 * <pre>
 *   h   = sum over features f of x[f] * E[f]
 *   a   = tanh(Wᵀ h + b)
 *   out = (h + a) / ||h + a||
 * </pre>
 *
 * <p>The bag lets rare words carry their own learned direction, and the residual block lets the
 * model mix dimensions non-linearly while starting out as the plain bag when {@code W} and
 * {@code b} are zero. Documents and labels share the encoder, so the cosine of two outputs scores
 * a (document, label) pair.
 *
 * <p>The parameters are live {@link DenseMatrix} objects: the trainer updates them in place, and a
 * bundle writer may store them directly. {@link #encode} is thread-safe while no thread writes
 * the parameters. Its only allocation is one scratch buffer per calling thread.
 */
public final class EmbeddingBagEncoder implements DocumentEncoder {
  /** First four bytes of {@link #toBytes()}: "LXEB" in ASCII. */
  public static final int FORMAT_MAGIC = 0x4C584542;

  /** Version of the byte layout written by {@link #toBytes()}. */
  public static final int FORMAT_VERSION = 1;

  private static final int HEADER_BYTES = 4 * Integer.BYTES;
  private static final int CHECKSUM_BYTES = Long.BYTES;
  private static final float TANH_SATURATION = 20f;
  private static final float TANH_TAYLOR_LIMIT = 1e-4f;

  private final DenseMatrix embeddings;
  private final DenseMatrix blockWeights;
  private final DenseMatrix blockBias;
  private final int dimension;
  private final ThreadLocal<float[][]> scratch;

  /**
   * Wraps the parameters without copying them.
   *
   * @param embeddings featureDimension × dimension table {@code E}, one row per text feature
   * @param blockWeights dimension × dimension matrix {@code W} of the residual block; row
   *     {@code j} contains the weights of bag entry {@code j} for every block output
   * @param blockBias 1 × dimension bias {@code b} of the residual block
   * @throws IllegalArgumentException if the shapes disagree
   */
  public EmbeddingBagEncoder(DenseMatrix embeddings, DenseMatrix blockWeights, DenseMatrix blockBias) {
    int columns = embeddings.columns();
    if (columns == 0) {
      throw new IllegalArgumentException("embedding dimension must be positive, got 0 columns");
    }
    if (blockWeights.rows() != columns || blockWeights.columns() != columns) {
      throw new IllegalArgumentException(
          "block weights must be " + columns + "x" + columns + " to match the embeddings, got "
              + blockWeights.rows() + "x" + blockWeights.columns());
    }
    if (blockBias.rows() != 1 || blockBias.columns() != columns) {
      throw new IllegalArgumentException(
          "block bias must be 1x" + columns + ", got " + blockBias.rows() + "x" + blockBias.columns());
    }
    this.embeddings = embeddings;
    this.blockWeights = blockWeights;
    this.blockBias = blockBias;
    this.dimension = columns;
    this.scratch = ThreadLocal.withInitial(() -> new float[2][columns]);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** Number of text features, the rows of the embedding table. */
  public int featureDimension() {
    return embeddings.rows();
  }

  /** Returns the embedding table {@code E}, featureDimension × dimension, live and not a copy. */
  public DenseMatrix embeddings() {
    return embeddings;
  }

  /**
   * Returns the residual block's weight matrix {@code W}, dimension × dimension, live and not a
   * copy. The block computes {@code Wᵀ h}, so row {@code j} contains the weights of bag entry {@code j}.
   */
  public DenseMatrix blockWeights() {
    return blockWeights;
  }

  /** Returns the residual block's bias {@code b}, 1 × dimension, live and not a copy. */
  public DenseMatrix blockBias() {
    return blockBias;
  }

  /** Number of float parameters. */
  public long parameterCount() {
    return (long) embeddings.rows() * dimension + (long) dimension * dimension + dimension;
  }

  @Override
  public void encode(SparseVector features, float[] out) {
    float[][] buffers = scratch.get();
    forward(features, buffers[0], buffers[1], out);
  }

  /**
   * Computes the embedding of {@code features} into {@code out} and keeps the intermediate vectors
   * that backpropagation needs: the bag {@code h} and the block activation {@code a}. An empty
   * feature vector gives zeros in all three arrays.
   *
   * @throws IllegalArgumentException if an array length differs from {@link #dimension()} or a
   *     feature index is not below {@link #featureDimension()}
   */
  public void forward(SparseVector features, float[] bag, float[] activation, float[] out) {
    checkLength("bag", bag);
    checkLength("activation", activation);
    checkLength("out", out);
    java.util.Arrays.fill(bag, 0f);
    if (features.isEmpty()) {
      java.util.Arrays.fill(activation, 0f);
      java.util.Arrays.fill(out, 0f);
      return;
    }
    sumBag(features, bag);

    // Pre-activation u = b + Wᵀ h, summed row by row of W so that each step is an axpy over
    // contiguous memory. DotProducts.axpy rounds as the plain loop does, on the SIMD path too.
    float[] weights = blockWeights.data();
    System.arraycopy(blockBias.data(), 0, activation, 0, dimension);
    for (int j = 0; j < dimension; j++) {
      float input = bag[j];
      if (input == 0f) {
        continue;
      }
      DotProducts.axpy(input, weights, j * dimension, activation, 0, dimension);
    }
    double squaredNorm = 0;
    for (int i = 0; i < dimension; i++) {
      float value = tanh(activation[i]);
      activation[i] = value;
      float sum = bag[i] + value;
      out[i] = sum;
      squaredNorm += (double) sum * sum;
    }
    if (squaredNorm == 0) {
      java.util.Arrays.fill(out, 0f);
      return;
    }
    float scale = (float) (1.0 / Math.sqrt(squaredNorm));
    for (int i = 0; i < dimension; i++) {
      out[i] *= scale;
    }
  }

  /**
   * Returns the hyperbolic tangent from one exponential, cheaper than {@link StrictMath#tanh}.
   * Intermediates are doubles, so the float result is the correctly rounded value or one ulp
   * away. Near zero a cubic Taylor polynomial avoids the cancellation in {@code e - 1}; beyond
   * |x| = 20 the float result is ±1.
   */
  static float tanh(float x) {
    if (x > TANH_SATURATION) {
      return 1f;
    }
    if (x < -TANH_SATURATION) {
      return -1f;
    }
    if (Math.abs(x) < TANH_TAYLOR_LIMIT) {
      double y = x;
      return (float) (y - y * y * y / 3);
    }
    double e = Math.exp(2.0 * x);
    return (float) ((e - 1) / (e + 1));
  }

  private void sumBag(SparseVector features, float[] bag) {
    int[] indices = features.indices();
    float[] values = features.values();
    float[] table = embeddings.data();
    int featureCount = embeddings.rows();
    for (int p = 0; p < indices.length; p++) {
      int feature = indices[p];
      if (feature >= featureCount) {
        throw new IllegalArgumentException(
            "feature index " + feature + " is outside the encoder's " + featureCount
                + " features; the featurizer and the encoder do not match");
      }
      DotProducts.axpy(values[p], table, feature * dimension, bag, 0, dimension);
    }
  }

  private void checkLength(String name, float[] array) {
    if (array.length != dimension) {
      throw new IllegalArgumentException(
          name + " has length " + array.length + ", the encoder's dimension is " + dimension);
    }
  }

  /**
   * Serialises the parameters. Layout, big-endian: magic {@link #FORMAT_MAGIC}, version
   * {@link #FORMAT_VERSION}, featureDimension, dimension (four ints); then the floats of
   * {@code E}, {@code W} and {@code b}, each row-major; then the CRC-32 of all preceding bytes as
   * a long.
   *
   * @throws IllegalStateException if the parameters do not fit in one byte array
   */
  public byte[] toBytes() {
    long floatCount = parameterCount();
    long size = HEADER_BYTES + floatCount * Float.BYTES + CHECKSUM_BYTES;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "encoder has " + floatCount + " parameters, too many for one byte array; reduce the"
              + " dimension or the number of features");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size).order(ByteOrder.BIG_ENDIAN);
    buffer.putInt(FORMAT_MAGIC).putInt(FORMAT_VERSION).putInt(embeddings.rows()).putInt(dimension);
    buffer.asFloatBuffer().put(embeddings.data()).put(blockWeights.data()).put(blockBias.data());
    int checksumOffset = (int) size - CHECKSUM_BYTES;
    buffer.putLong(checksumOffset, checksum(buffer.array(), checksumOffset));
    return buffer.array();
  }

  /**
   * Reads parameters written by {@link #toBytes()}.
   *
   * @throws IllegalArgumentException if the magic, version, shape, length or checksum is wrong
   */
  public static EmbeddingBagEncoder fromBytes(byte[] bytes) {
    if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
      throw invalid("it has " + bytes.length + " bytes, fewer than the " + (HEADER_BYTES + CHECKSUM_BYTES)
          + " of an empty header and checksum");
    }

    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    int magic = buffer.getInt();
    if (magic != FORMAT_MAGIC) {
      throw invalid(String.format(java.util.Locale.ROOT, "magic is 0x%08X, expected 0x%08X", magic, FORMAT_MAGIC));
    }
    int version = buffer.getInt();
    if (version != FORMAT_VERSION) {
      throw invalid("format version is " + version + ", this build reads version " + FORMAT_VERSION);
    }

    int featureDimension = buffer.getInt();
    int dimension = buffer.getInt();
    if (featureDimension < 0 || dimension <= 0) {
      throw invalid("shape is " + featureDimension + " features x " + dimension + " dimensions");
    }
    long floatCount = (long) featureDimension * dimension + (long) dimension * dimension + dimension;
    long expectedSize = HEADER_BYTES + floatCount * Float.BYTES + CHECKSUM_BYTES;
    if (bytes.length != expectedSize) {
      throw invalid("it has " + bytes.length + " bytes, expected " + expectedSize + " for "
          + featureDimension + " features x " + dimension + " dimensions");
    }

    int checksumOffset = bytes.length - CHECKSUM_BYTES;
    long stored = buffer.getLong(checksumOffset);
    long computed = checksum(bytes, checksumOffset);
    if (stored != computed) {
      throw invalid("checksum is " + Long.toHexString(computed) + ", the file stores "
          + Long.toHexString(stored) + "; the data is corrupt");
    }

    DenseMatrix embeddings = new DenseMatrix(featureDimension, dimension);
    DenseMatrix weights = new DenseMatrix(dimension, dimension);
    DenseMatrix bias = new DenseMatrix(1, dimension);
    buffer.position(HEADER_BYTES);
    buffer.asFloatBuffer().get(embeddings.data()).get(weights.data()).get(bias.data());
    return new EmbeddingBagEncoder(embeddings, weights, bias);
  }

  private static long checksum(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }

  private static IllegalArgumentException invalid(String detail) {
    return new IllegalArgumentException("invalid embedding-bag encoder bytes: " + detail);
  }
}
