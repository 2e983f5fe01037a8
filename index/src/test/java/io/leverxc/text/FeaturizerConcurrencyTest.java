package io.leverxc.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leverxc.vector.SparseVector;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FeaturizerConcurrencyTest {
  private static final List<String> TEXTS =
      List.of(
          "dog, domestic dog, Canis familiaris: a member of the genus Canis that has been domesticated",
          "substance: the real physical matter of which a person or thing consists; DNA is the substance",
          "food, nutrient: any substance that can be metabolized by an animal to give energy and build",
          "cell: (biology) the basic structural and functional unit of all organisms; they may exist as",
          "matter: that which has mass and occupies space; physicists study both the nature of matter",
          "life: living things collectively; the oceans are teeming with life and the forest is full");

  private static final TfidfFeaturizer FEATURIZER =
      TfidfFeaturizer.fit(FeatureSettings.builder().charNgrams(true).stem(true).minDocumentFrequency(1).build(), TEXTS, 2);

  @Test
  void threadsGetSameVectors() throws Exception {
    List<SparseVector> expected = new ArrayList<>();
    for (String text : TEXTS) {
      expected.add(FEATURIZER.features(text));
    }
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<SparseVector>>> futures = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        futures.add(
            executor.submit(
                () -> {
                  List<SparseVector> last = new ArrayList<>();
                  for (int round = 0; round < 50; round++) {
                    last.clear();
                    for (String text : TEXTS) {
                      last.add(FEATURIZER.features(text));
                    }
                  }
                  return last;
                }));
      }
      for (Future<List<SparseVector>> future : futures) {
        assertEquals(expected, future.get());
      }
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Checks that a call allocates little beyond its result, so no allocation happens per token.
   * The result of n features takes about 8n + 64 bytes (two arrays and the vector).
   */
  @Test
  void featuresAllocateAboutTheResultOnly() {
    assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
            && bean.isThreadAllocatedMemorySupported(),
        "the JVM does not count allocated bytes per thread");
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long threadId = Thread.currentThread().threadId();
    for (int round = 0; round < 300; round++) {
      for (String text : TEXTS) {
        FEATURIZER.features(text);
      }
    }
    long resultBytes = 0;
    int calls = 0;
    long before = bean.getThreadAllocatedBytes(threadId);
    for (int round = 0; round < 100; round++) {
      for (String text : TEXTS) {
        resultBytes += 8L * FEATURIZER.features(text).size() + 64;
        calls++;
      }
    }
    long allocated = bean.getThreadAllocatedBytes(threadId) - before;
    // About 15 tokens per text, so even 16 bytes per token would exceed the 128-byte allowance.
    long allowance = 128L * calls;
    assertTrue(
        allocated <= resultBytes + allowance,
        "allocated " + allocated + " bytes for " + calls + " calls, results take " + resultBytes);
  }
}
