package io.leverxc.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingBagEncoderTest {

  private static EmbeddingBagEncoder identityEncoder(float[] bias) {
    DenseMatrix table = new DenseMatrix(2, 2, new float[] {1, 0, 0, 1});
    return new EmbeddingBagEncoder(table, new DenseMatrix(2, 2), new DenseMatrix(1, 2, bias));
  }

  private static EmbeddingBagEncoder randomEncoder(int features, int dimension, long seed) {
    Random random = new Random(seed);
    DenseMatrix table = new DenseMatrix(features, dimension);
    DenseMatrix weights = new DenseMatrix(dimension, dimension);
    DenseMatrix bias = new DenseMatrix(1, dimension);
    for (DenseMatrix matrix : new DenseMatrix[] {table, weights, bias}) {
      float[] data = matrix.data();
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) random.nextGaussian();
      }
    }
    return new EmbeddingBagEncoder(table, weights, bias);
  }

  @Test
  void zeroBlockGivesNormalisedBag() {
    EmbeddingBagEncoder encoder = identityEncoder(new float[] {0, 0});
    float[] out = new float[2];
    encoder.encode(SparseVector.of(new int[] {0, 1}, new float[] {0.3f, 0.4f}), out);
    assertEquals(0.6f, out[0], 1e-6f);
    assertEquals(0.8f, out[1], 1e-6f);
  }

  @Test
  void biasAddsTanhResidual() {
    // h = (1, 0); with W = 0, a = (tanh(0.5), tanh(-1)) = (0.462117, -0.761594); z = h + a.
    EmbeddingBagEncoder encoder = identityEncoder(new float[] {0.5f, -1f});
    float[] bag = new float[2];
    float[] activation = new float[2];
    float[] out = new float[2];
    encoder.forward(SparseVector.of(new int[] {0}, new float[] {1f}), bag, activation, out);
    assertArrayEquals(new float[] {1f, 0f}, bag);
    assertEquals(0.462117f, activation[0], 1e-6f);
    assertEquals(-0.761594f, activation[1], 1e-6f);
    double norm = Math.hypot(1.462117, -0.761594);
    assertEquals(1.462117 / norm, out[0], 1e-6);
    assertEquals(-0.761594 / norm, out[1], 1e-6);
  }

  @Test
  void blockAppliesTransposedWeights() {
    // h = (1, 0) and W = [[0, 0.5], [2, 0]]: Wᵀ h = (0, 0.5), so a = (0, tanh(0.5)) and W[1][0] plays no part.
    DenseMatrix table = new DenseMatrix(2, 2, new float[] {1, 0, 0, 1});
    DenseMatrix weights = new DenseMatrix(2, 2, new float[] {0, 0.5f, 2, 0});
    EmbeddingBagEncoder encoder = new EmbeddingBagEncoder(table, weights, new DenseMatrix(1, 2));
    float[] bag = new float[2];
    float[] activation = new float[2];
    float[] out = new float[2];
    encoder.forward(SparseVector.of(new int[] {0}, new float[] {1f}), bag, activation, out);
    assertEquals(0f, activation[0]);
    assertEquals(0.462117f, activation[1], 1e-6f);
    double norm = Math.hypot(1, 0.462117);
    assertEquals(1 / norm, out[0], 1e-6);
    assertEquals(0.462117 / norm, out[1], 1e-6);
  }

  @Test
  void emptyFeaturesGiveZeroVector() {
    EmbeddingBagEncoder encoder = identityEncoder(new float[] {0.5f, -1f});
    float[] out = {7f, 7f};
    encoder.encode(SparseVector.empty(), out);
    assertArrayEquals(new float[] {0f, 0f}, out);
  }

  @Test
  void featureOutsideTableIsRejected() {
    EmbeddingBagEncoder encoder = identityEncoder(new float[] {0, 0});
    IllegalArgumentException error = assertThrows(
        IllegalArgumentException.class,
        () -> encoder.encode(SparseVector.of(new int[] {2}, new float[] {1f}), new float[2]));
    assertTrue(error.getMessage().contains("feature index 2 is outside the encoder's 2 features"), error.getMessage());
  }

  @Test
  void mismatchedBlockShapeIsRejected() {
    IllegalArgumentException error = assertThrows(
        IllegalArgumentException.class,
        () -> new EmbeddingBagEncoder(new DenseMatrix(4, 3), new DenseMatrix(3, 2), new DenseMatrix(1, 3)));
    assertTrue(error.getMessage().contains("block weights must be 3x3"), error.getMessage());
  }

  @Test
  void forwardMatchesPlainLoopsBitForBit() {
    // Dimension 37 is no multiple of any SIMD width, so the scalar tails run too.
    int features = 30;
    int dimension = 37;
    EmbeddingBagEncoder encoder = randomEncoder(features, dimension, 11);
    SparseVector x = SparseVector.of(new int[] {2, 9, 17, 29}, new float[] {0.5f, -1.25f, 0.75f, 2f});
    float[] table = encoder.embeddings().data();
    float[] weights = encoder.blockWeights().data();
    float[] bag = new float[dimension];
    for (int p = 0; p < x.indices().length; p++) {
      for (int i = 0; i < dimension; i++) {
        bag[i] += x.values()[p] * table[x.indices()[p] * dimension + i];
      }
    }
    float[] activation = encoder.blockBias().data().clone();
    for (int j = 0; j < dimension; j++) {
      if (bag[j] != 0f) {
        for (int i = 0; i < dimension; i++) {
          activation[i] += bag[j] * weights[j * dimension + i];
        }
      }
    }
    for (int i = 0; i < dimension; i++) {
      activation[i] = EmbeddingBagEncoder.tanh(activation[i]);
    }
    float[] actualBag = new float[dimension];
    float[] actualActivation = new float[dimension];

    encoder.forward(x, actualBag, actualActivation, new float[dimension]);

    for (int i = 0; i < dimension; i++) {
      assertEquals(Float.floatToRawIntBits(bag[i]), Float.floatToRawIntBits(actualBag[i]), "bag " + i);
      assertEquals(
          Float.floatToRawIntBits(activation[i]), Float.floatToRawIntBits(actualActivation[i]), "activation " + i);
    }
  }

  @Test
  void tanhIsWithinOneUlpOfStrictMath() {
    float[] samples = {0f, 1e-9f, -3e-5f, 9.99e-5f, 1e-4f, 0.001f, 0.3f, -0.7f, 1f, 2.5f, -5f, 9f, 19.9f, 20.5f, -40f};
    for (float x : samples) {
      float expected = (float) StrictMath.tanh(x);
      assertEquals(expected, EmbeddingBagEncoder.tanh(x), Math.ulp(expected), "tanh(" + x + ")");
    }
    Random random = new Random(4);
    for (int i = 0; i < 10_000; i++) {
      float x = (float) (random.nextGaussian() * 3);
      float expected = (float) StrictMath.tanh(x);
      assertEquals(expected, EmbeddingBagEncoder.tanh(x), Math.ulp(expected), "tanh(" + x + ")");
    }
  }

  @Test
  void bytesRoundTripGivesIdenticalEmbeddings() {
    EmbeddingBagEncoder encoder = randomEncoder(20, 8, 11);
    EmbeddingBagEncoder loaded = EmbeddingBagEncoder.fromBytes(encoder.toBytes());
    assertEquals(20, loaded.featureDimension());
    assertEquals(8, loaded.dimension());
    assertArrayEquals(encoder.embeddings().data(), loaded.embeddings().data());
    assertArrayEquals(encoder.blockWeights().data(), loaded.blockWeights().data());
    assertArrayEquals(encoder.blockBias().data(), loaded.blockBias().data());
    SparseVector features = SparseVector.of(new int[] {1, 7, 19}, new float[] {0.2f, 0.5f, 0.84f});
    float[] expected = new float[8];
    float[] actual = new float[8];
    encoder.encode(features, expected);
    loaded.encode(features, actual);
    assertArrayEquals(expected, actual);
  }

  @Test
  void corruptedBytesFailTheChecksum() {
    byte[] bytes = randomEncoder(5, 4, 2).toBytes();
    bytes[40] ^= 1;
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> EmbeddingBagEncoder.fromBytes(bytes));
    assertTrue(error.getMessage().contains("checksum"), error.getMessage());
  }

  @Test
  void wrongMagicIsRejected() {
    byte[] bytes = randomEncoder(5, 4, 2).toBytes();
    bytes[0] = 'X';
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> EmbeddingBagEncoder.fromBytes(bytes));
    assertTrue(error.getMessage().contains("expected 0x4C584542"), error.getMessage());
  }

  @Test
  void truncatedBytesAreRejected() {
    byte[] bytes = randomEncoder(5, 4, 2).toBytes();
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 4);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> EmbeddingBagEncoder.fromBytes(truncated));
    assertTrue(error.getMessage().contains("expected " + bytes.length), error.getMessage());
  }

  @Test
  void concurrentEncodingMatchesSequential() throws InterruptedException {
    EmbeddingBagEncoder encoder = randomEncoder(50, 16, 5);
    SparseVector[] inputs = new SparseVector[200];
    float[][] expected = new float[inputs.length][16];
    Random random = new Random(9);
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = SparseVector.of(new int[] {random.nextInt(25), 25 + random.nextInt(25)}, new float[] {0.6f, 0.8f});
      encoder.encode(inputs[i], expected[i]);
    }
    float[][] actual = new float[inputs.length][16];
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int first = t;
      threads[t] = new Thread(() -> {
        for (int i = first; i < inputs.length; i += threads.length) {
          encoder.encode(inputs[i], actual[i]);
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    for (int i = 0; i < inputs.length; i++) {
      assertArrayEquals(expected[i], actual[i], "input " + i);
    }
  }
}
