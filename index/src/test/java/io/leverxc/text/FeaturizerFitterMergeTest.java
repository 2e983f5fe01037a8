package io.leverxc.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturizerFitterMergeTest {
  @Test
  void countsOfEveryThreadAreAdded() {
    List<FeaturizerFitter.KeyCounter> counters = new ArrayList<>();
    for (int thread = 0; thread < 3; thread++) {
      FeaturizerFitter.KeyCounter counter = new FeaturizerFitter.KeyCounter();
      // Thread t saw keys t * 1000 to t * 1000 + 1999 once each, so neighbouring threads share 1000 keys.
      for (long key = thread * 1000L; key < thread * 1000L + 2000; key++) {
        counter.documentFrequency.addTo(key * 0x9E3779B97F4A7C15L, 1);
      }
      counters.add(counter);
    }

    Long2IntOpenHashMap merged = FeaturizerFitter.merge(counters);

    assertEquals(4000, merged.size());
    assertEquals(1, merged.get(0L));
    assertEquals(2, merged.get(1500L * 0x9E3779B97F4A7C15L));
    assertEquals(2, merged.get(2500L * 0x9E3779B97F4A7C15L));
    assertEquals(1, merged.get(3999L * 0x9E3779B97F4A7C15L));
  }

  @Test
  void singleCounterIsReturnedAsItIs() {
    FeaturizerFitter.KeyCounter counter = new FeaturizerFitter.KeyCounter();
    counter.documentFrequency.addTo(7L, 3);

    Long2IntOpenHashMap merged = FeaturizerFitter.merge(new ArrayList<>(List.of(counter)));

    assertEquals(3, merged.get(7L));
    assertEquals(1, merged.size());
  }
}
