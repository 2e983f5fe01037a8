package io.leverxc.text;

import io.leverxc.vector.SparseVector;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.util.CloseableThreadLocal;

/**
 * TF-IDF featurizer fitted on training and label texts: analysis by {@link TextAnalyzer}, features
 * from {@link FeatureExtractor}, ids from a vocabulary or from feature hashing, weights {@code (1 +
 * ln tf) * idf} with smoothed {@code idf = ln((1 + N) / (1 + df)) + 1}, then L2 normalisation.
 *
 * <p>Instances are immutable and thread-safe. Each calling thread keeps its own Lucene TokenStream
 * and scratch buffers, so {@link #features} allocates only the returned vector beyond what Lucene's
 * analysis chain allocates. The weights use {@link StrictMath}, so a featurizer read back by {@link
 * #fromBytes} yields bit-identical vectors on any JVM.
 */
public final class TfidfFeaturizer implements TextFeaturizer {
  /** Term counts below this use a precomputed sublinear tf table. */
  private static final int TF_TABLE_SIZE = 64;

  private static final float[] SUBLINEAR_TF = sublinearTfTable();

  private final FeatureSettings settings;
  private final Vocabulary vocabulary;
  private final FeatureTable table;
  private final float[] idf;
  private final int documentCount;
  private final int hashShift;
  private final TextAnalyzer analyzer;
  private final CloseableThreadLocal<Scratch> scratch =
      new CloseableThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
          return new Scratch();
        }
      };

  /**
   * Creates a featurizer from fitted state.
   *
   * @param vocabulary the vocabulary, or null in hashing mode
   * @param idf inverse document frequency of every feature id, owned by the featurizer
   * @param documentCount number of texts the featurizer was fitted on
   */
  TfidfFeaturizer(FeatureSettings settings, Vocabulary vocabulary, float[] idf, int documentCount) {
    this.settings = Objects.requireNonNull(settings, "settings");
    boolean hashing = settings.indexing() == FeatureIndexing.HASHING;
    if (hashing != (vocabulary == null)) {
      throw new IllegalArgumentException(
          "indexing " + settings.indexing() + " needs " + (hashing ? "no vocabulary" : "a vocabulary"));
    }
    int expectedDimension = hashing ? settings.hashBuckets() : vocabulary.size();
    if (idf.length != expectedDimension) {
      throw new IllegalArgumentException(
          "idf table has " + idf.length + " entries, expected " + expectedDimension);
    }
    this.vocabulary = vocabulary;
    this.table = hashing ? null : new FeatureTable(vocabulary.keys(), idf);
    this.idf = idf;
    this.documentCount = documentCount;
    this.hashShift = Long.SIZE - settings.hashBits();
    this.analyzer = new TextAnalyzer(settings);
  }

  /**
   * Fits a featurizer on {@code texts}. Pass the training texts and the label texts together, so
   * that words seen only in label texts get features too.
   *
   * @param threads number of worker threads, at least 1
   * @throws IllegalArgumentException if {@code texts} is empty, or no feature reaches the minimum
   *     document frequency
   */
  public static TfidfFeaturizer fit(FeatureSettings settings, List<String> texts, int threads) {
    return new FeaturizerFitter(settings, threads).fit(texts);
  }

  /** Reads a featurizer written by {@link #toBytes()}. */
  public static TfidfFeaturizer fromBytes(byte[] bytes) {
    return FeaturizerFormat.read(bytes);
  }

  /** Writes the settings and the fitted state in a versioned, checksummed layout. */
  public byte[] toBytes() {
    return FeaturizerFormat.write(this);
  }

  @Override
  public SparseVector features(String text) {
    Scratch state = scratch.get();
    int count = state.extractor.extract(text);
    // Looking all keys up in one loop, after extraction, lets the CPU overlap their cache misses.
    long[] keys = state.extractor.keys();
    return weigh(keys, packFeatures(state, keys, count));
  }

  @Override
  public int dimension() {
    return idf.length;
  }

  public FeatureSettings settings() {
    return settings;
  }

  /** Number of texts the featurizer was fitted on. */
  public int documentCount() {
    return documentCount;
  }

  /** Returns the inverse document frequency of {@code featureId}. */
  public float idf(int featureId) {
    Objects.checkIndex(featureId, idf.length);
    return idf[featureId];
  }

  /**
   * Returns the readable form of a vocabulary feature, for debugging: "w:" and a word, "b:" and two
   * words, "c:" and a character n-gram such as "c:&lt;sub", or "t:" and a character n-gram of a
   * title such as "t:-dev&gt;".
   *
   * @throws IllegalStateException in hashing mode, which keeps no vocabulary
   */
  public String vocabularyTerm(int featureId) {
    if (vocabulary == null) {
      throw new IllegalStateException("a featurizer with HASHING indexing has no vocabulary");
    }
    Objects.checkIndex(featureId, vocabulary.size());
    return vocabulary.term(featureId);
  }

  /**
   * Returns a featurizer that keeps every feature id of this one and appends the features of
   * {@code refit} that this one lacks, with ids from {@link #dimension()} on, in {@code refit}'s
   * order (the most frequent first). A model trained on this featurizer's ids can then go on
   * training with the extended one after growing its embedding table by the appended rows.
   *
   * <p>Features that {@code refit} has take its IDF and document count, because they describe the
   * grown data. Features only this featurizer has keep their IDF. Appended features stop at the
   * settings' maximum vocabulary size.
   *
   * @param refit a featurizer fitted with the same settings on the grown set of texts
   * @throws IllegalArgumentException if either featurizer uses feature hashing, which has no
   *     vocabulary to extend, or the settings differ
   */
  public TfidfFeaturizer extendedWith(TfidfFeaturizer refit) {
    if (vocabulary == null || refit.vocabulary == null) {
      throw new IllegalArgumentException("only a featurizer with a vocabulary can be extended, not a HASHING one");
    }
    if (!settings.equals(refit.settings)) {
      throw new IllegalArgumentException(
          "the refitted featurizer has settings " + refit.settings + ", expected " + settings);
    }
    int refitSize = refit.vocabulary.size();
    Long2IntOpenHashMap refitIds = new Long2IntOpenHashMap(refitSize);
    refitIds.defaultReturnValue(-1);
    for (int id = 0; id < refitSize; id++) {
      refitIds.put(refit.vocabulary.key(id), id);
    }
    LongOpenHashSet ownKeys = new LongOpenHashSet(vocabulary.keys());
    int room = Math.max(0, settings.maxVocabularySize() - vocabulary.size());
    int appended = 0;
    for (int id = 0; id < refitSize && appended < room; id++) {
      if (!ownKeys.contains(refit.vocabulary.key(id))) {
        appended++;
      }
    }

    int size = vocabulary.size() + appended;
    long[] keys = Arrays.copyOf(vocabulary.keys(), size);
    String[] terms = new String[size];
    float[] weights = new float[size];
    for (int id = 0; id < vocabulary.size(); id++) {
      terms[id] = vocabulary.term(id);
      int refitId = refitIds.get(keys[id]);
      weights[id] = refitId < 0 ? idf[id] : refit.idf[refitId];
    }
    int next = vocabulary.size();
    for (int id = 0; id < refitSize && next < size; id++) {
      long key = refit.vocabulary.key(id);
      if (!ownKeys.contains(key)) {
        keys[next] = key;
        terms[next] = refit.vocabulary.term(id);
        weights[next] = refit.idf[id];
        next++;
      }
    }
    return new TfidfFeaturizer(settings, new Vocabulary(keys, terms), weights, refit.documentCount);
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  float[] idfTable() {
    return idf;
  }

  /**
   * Replaces the first {@code count} feature keys by their packed (id, idf) as {@link
   * FeatureTable#pack} builds it, drops keys outside the vocabulary, and returns how many remain at
   * the front of {@code keys}.
   */
  private int packFeatures(Scratch state, long[] keys, int count) {
    if (table != null) {
      if (state.slotKeys.length < count) {
        state.slotKeys = new long[keys.length];
        state.slotValues = new long[keys.length];
      }
      return table.lookupAll(keys, count, state.slotKeys, state.slotValues);
    }
    for (int i = 0; i < count; i++) {
      int bucket = (int) (keys[i] >>> hashShift);
      keys[i] = FeatureTable.pack(bucket, idf[bucket]);
    }
    return count;
  }

  /** Turns the packed (id, idf) features of one text, with repeats, into its TF-IDF vector. */
  private static SparseVector weigh(long[] features, int count) {
    if (count == 0) {
      return SparseVector.empty();
    }

    Arrays.sort(features, 0, count);
    int distinct = 1;
    for (int i = 1; i < count; i++) {
      if (features[i] != features[i - 1]) {
        distinct++;
      }
    }

    int[] indices = new int[distinct];
    float[] values = new float[distinct];
    double sumOfSquares = 0;
    int position = 0;
    int runStart = 0;
    for (int i = 1; i <= count; i++) {
      if (i == count || features[i] != features[runStart]) {
        long packed = features[runStart];
        int id = FeatureTable.packedId(packed);
        float weight = sublinearTf(i - runStart) * FeatureTable.packedIdf(packed);
        indices[position] = id;
        values[position] = weight;
        sumOfSquares += (double) weight * weight;
        position++;
        runStart = i;
      }
    }

    float scale = (float) (1.0 / Math.sqrt(sumOfSquares));
    for (int i = 0; i < distinct; i++) {
      values[i] *= scale;
    }
    return SparseVector.of(indices, values);
  }

  private static float sublinearTf(int termCount) {
    return termCount < TF_TABLE_SIZE ? SUBLINEAR_TF[termCount] : (float) (1 + StrictMath.log(termCount));
  }

  private static float[] sublinearTfTable() {
    float[] table = new float[TF_TABLE_SIZE];
    for (int count = 1; count < TF_TABLE_SIZE; count++) {
      table[count] = (float) (1 + StrictMath.log(count));
    }
    return table;
  }

  /** Per-thread state of {@link #features}: the extractor and scratch for the table lookup. */
  private final class Scratch {
    private static final int INITIAL_CAPACITY = 512;

    final FeatureExtractor extractor = new FeatureExtractor(analyzer, settings);
    long[] slotKeys = new long[INITIAL_CAPACITY];
    long[] slotValues = new long[INITIAL_CAPACITY];
  }
}
