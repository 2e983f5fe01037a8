package io.leverxc.text;

import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link TfidfFeaturizer}: counts the document frequency of every feature over the texts on
 * several threads, then keeps a vocabulary (or one count per hash bucket) and computes the idf
 * table. The result does not depend on the number of threads.
 *
 * <p>Vocabulary fitting reads the texts twice: the first pass counts 64-bit feature keys only, and
 * the second pass records the readable form of the kept features. That keeps the many features
 * seen once out of memory as strings.
 */
final class FeaturizerFitter {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturizerFitter.class);

  /** Texts a worker takes at a time: few enough to balance the threads, enough to make taking cheap. */
  private static final int BLOCK_SIZE = 256;

  /** Largest expected size given to the merged count map; fastutil tables hold at most 2^30 slots. */
  private static final int MAX_MERGED_KEYS = 1 << 29;

  /** A progress line is logged each time this many more texts are done. */
  private static final int PROGRESS_INTERVAL = 20_000;

  private final FeatureSettings settings;
  private final int threads;

  FeaturizerFitter(FeatureSettings settings, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, found " + threads);
    }
    this.settings = settings;
    this.threads = threads;
  }

  TfidfFeaturizer fit(List<String> texts) {
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("cannot fit features on an empty list of texts");
    }
    long start = System.nanoTime();
    LOG.info("Fitting text features on {} texts with {} threads, settings {}", texts.size(), threads, settings.toMap());
    TfidfFeaturizer featurizer;
    try (TextAnalyzer analyzer = new TextAnalyzer(settings)) {
      featurizer =
          settings.indexing() == FeatureIndexing.HASHING
              ? fitHashing(analyzer, texts)
              : fitVocabulary(analyzer, texts);
    }
    LOG.info(
        "Fitted text features: dimension {}, {} texts, {} ms",
        featurizer.dimension(),
        texts.size(),
        (System.nanoTime() - start) / 1_000_000);
    return featurizer;
  }

  private TfidfFeaturizer fitHashing(TextAnalyzer analyzer, List<String> texts) {
    int shift = Long.SIZE - settings.hashBits();
    List<BucketCounter> counters =
        forEachText("counting hashed features", analyzer, texts, () -> new BucketCounter(settings.hashBuckets(), shift));
    int[] documentFrequency = new int[settings.hashBuckets()];
    for (BucketCounter counter : counters) {
      for (int bucket = 0; bucket < documentFrequency.length; bucket++) {
        documentFrequency[bucket] += counter.documentFrequency[bucket];
      }
    }
    float[] idf = new float[documentFrequency.length];
    for (int bucket = 0; bucket < idf.length; bucket++) {
      idf[bucket] = smoothedIdf(texts.size(), documentFrequency[bucket]);
    }
    return new TfidfFeaturizer(settings, null, idf, texts.size());
  }

  private TfidfFeaturizer fitVocabulary(TextAnalyzer analyzer, List<String> texts) {
    List<KeyCounter> counters = forEachText("counting features", analyzer, texts, KeyCounter::new);
    Long2IntOpenHashMap documentFrequency = merge(counters);
    long[] keys = selectKeys(documentFrequency);
    LOG.info(
        "Kept {} of {} distinct features (minimum document frequency {}, maximum vocabulary size {})",
        keys.length,
        documentFrequency.size(),
        settings.minDocumentFrequency(),
        settings.maxVocabularySize());
    if (keys.length == 0) {
      throw new IllegalArgumentException(
          "no feature occurs in at least minDocumentFrequency="
              + settings.minDocumentFrequency()
              + " of the "
              + texts.size()
              + " texts; lower minDocumentFrequency or fit on more texts");
    }

    LongOpenHashSet vocabularyKeys = new LongOpenHashSet(keys);
    List<TermCollector> collectors =
        forEachText("recording vocabulary terms", analyzer, texts, () -> new TermCollector(vocabularyKeys));
    Long2ObjectOpenHashMap<String> termOfKey = new Long2ObjectOpenHashMap<>(keys.length);
    for (TermCollector collector : collectors) {
      termOfKey.putAll(collector.terms);
    }
    String[] terms = new String[keys.length];
    float[] idf = new float[keys.length];
    for (int id = 0; id < keys.length; id++) {
      terms[id] = termOfKey.get(keys[id]);
      idf[id] = smoothedIdf(texts.size(), documentFrequency.get(keys[id]));
    }
    return new TfidfFeaturizer(settings, new Vocabulary(keys, terms), idf, texts.size());
  }

  /**
   * Adds up the per-thread counts in a map sized for every key of every counter up front. Entries
   * leave an open-addressing table in slot order, so pouring them into a table with no more slots
   * than the source builds ever longer probe runs. On 900,000 texts with 5 million distinct
   * features, that merge took over 12 minutes, against under a second with the sized map.
   */
  static Long2IntOpenHashMap merge(List<KeyCounter> counters) {
    if (counters.size() == 1) {
      return counters.get(0).documentFrequency;
    }
    long keys = 0;
    for (KeyCounter counter : counters) {
      keys += counter.documentFrequency.size();
    }
    Long2IntOpenHashMap merged = new Long2IntOpenHashMap((int) Math.min(keys, MAX_MERGED_KEYS));
    for (int i = 0; i < counters.size(); i++) {
      for (Long2IntMap.Entry entry : counters.get(i).documentFrequency.long2IntEntrySet()) {
        merged.addTo(entry.getLongKey(), entry.getIntValue());
      }
      counters.set(i, null);
    }
    return merged;
  }

  /**
   * Returns the keys that reach the minimum document frequency, the most frequent first (ties by
   * key, so the order is deterministic), at most {@link FeatureSettings#maxVocabularySize()} of them.
   */
  private long[] selectKeys(Long2IntOpenHashMap documentFrequency) {
    long[] candidates = new long[documentFrequency.size()];
    int[] frequencies = new int[documentFrequency.size()];
    int count = 0;
    for (Long2IntMap.Entry entry : documentFrequency.long2IntEntrySet()) {
      if (entry.getIntValue() >= settings.minDocumentFrequency()) {
        candidates[count] = entry.getLongKey();
        frequencies[count] = entry.getIntValue();
        count++;
      }
    }
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    IntArrays.quickSort(
        order,
        (a, b) -> {
          int byFrequency = Integer.compare(frequencies[b], frequencies[a]);
          return byFrequency != 0 ? byFrequency : Long.compare(candidates[a], candidates[b]);
        });
    long[] keys = new long[Math.min(count, settings.maxVocabularySize())];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = candidates[order[i]];
    }
    return keys;
  }

  /** Returns {@code ln((1 + N) / (1 + df)) + 1}, which stays finite for features never seen. */
  static float smoothedIdf(int documentCount, int documentFrequency) {
    return (float) (StrictMath.log((1.0 + documentCount) / (1.0 + documentFrequency)) + 1.0);
  }

  /**
   * Runs one pass over {@code texts} on the worker threads, each with its own worker from {@code
   * workers}, and returns the workers.
   */
  private <W extends TextWorker> List<W> forEachText(
      String pass, TextAnalyzer analyzer, List<String> texts, Supplier<W> workers) {
    AtomicInteger nextBlock = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    int blocks = (texts.size() + BLOCK_SIZE - 1) / BLOCK_SIZE;
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            threads, task -> new Thread(task, "lever-text-fit-" + threadNumber.incrementAndGet()));
    try {
      List<Future<W>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            executor.submit(
                () -> {
                  W worker = workers.get();
                  FeatureExtractor extractor = new FeatureExtractor(analyzer, settings);
                  for (int block = nextBlock.getAndIncrement(); block < blocks; block = nextBlock.getAndIncrement()) {
                    int from = block * BLOCK_SIZE;
                    int to = Math.min(texts.size(), from + BLOCK_SIZE);
                    for (int i = from; i < to; i++) {
                      worker.process(extractor, texts.get(i));
                    }
                    logProgress(pass, done.addAndGet(to - from), to - from, texts.size());
                  }
                  return worker;
                }));
      }
      List<W> result = new ArrayList<>();
      for (Future<W> future : futures) {
        result.add(future.get());
      }
      return result;
    } catch (ExecutionException e) {
      throw new IllegalStateException("text feature fitting failed while " + pass, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("text feature fitting was interrupted while " + pass, e);
    } finally {
      executor.shutdownNow();
    }
  }

  private static void logProgress(String pass, int done, int justDone, int total) {
    if (done / PROGRESS_INTERVAL != (done - justDone) / PROGRESS_INTERVAL || done == total) {
      LOG.info("Fitting text features, {}: {} of {} texts", pass, done, total);
    }
  }

  /** Per-thread state of one fitting pass, which processes the texts of its thread. */
  private abstract static class TextWorker {
    abstract void process(FeatureExtractor extractor, String text);
  }

  /** Collects the distinct keys of each text and counts in how many texts each key occurs. */
  static final class KeyCounter extends TextWorker {
    final Long2IntOpenHashMap documentFrequency = new Long2IntOpenHashMap();

    @Override
    void process(FeatureExtractor extractor, String text) {
      int count = extractor.extract(text);
      long[] textKeys = extractor.keys();
      Arrays.sort(textKeys, 0, count);
      for (int i = 0; i < count; i++) {
        if (i == 0 || textKeys[i] != textKeys[i - 1]) {
          documentFrequency.addTo(textKeys[i], 1);
        }
      }
    }
  }

  /**
   * Counts in how many texts each hash bucket occurs.
   *
   * <p>NOTE: each worker keeps a full count array, 4 bytes per bucket, so hashBits=26 costs 256 MiB
   * per thread during fitting.
   */
  private static final class BucketCounter extends TextWorker {
    final int[] documentFrequency;
    private final int shift;
    private int[] textBuckets = new int[512];

    BucketCounter(int buckets, int shift) {
      this.documentFrequency = new int[buckets];
      this.shift = shift;
    }

    @Override
    void process(FeatureExtractor extractor, String text) {
      int count = extractor.extract(text);
      long[] keys = extractor.keys();
      if (textBuckets.length < count) {
        textBuckets = new int[keys.length];
      }
      for (int i = 0; i < count; i++) {
        textBuckets[i] = (int) (keys[i] >>> shift);
      }
      Arrays.sort(textBuckets, 0, count);
      for (int i = 0; i < count; i++) {
        if (i == 0 || textBuckets[i] != textBuckets[i - 1]) {
          documentFrequency[textBuckets[i]]++;
        }
      }
    }
  }

  /** Records the readable form of each vocabulary key at its first occurrence in this worker. */
  private static final class TermCollector extends TextWorker implements FeatureSink {
    final Long2ObjectOpenHashMap<String> terms = new Long2ObjectOpenHashMap<>();
    private final LongOpenHashSet vocabularyKeys;

    TermCollector(LongOpenHashSet vocabularyKeys) {
      this.vocabularyKeys = vocabularyKeys;
    }

    @Override
    void process(FeatureExtractor extractor, String text) {
      extractor.extract(text, this);
    }

    @Override
    public void accept(long key, FeatureFamily family, char[] chars, int offset, int length) {
      if (vocabularyKeys.contains(key) && !terms.containsKey(key)) {
        terms.put(key, family.prefix() + new String(chars, offset, length));
      }
    }
  }
}
