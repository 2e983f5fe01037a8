package io.leverxc.bench;

import io.leverxc.text.FeatureIndexing;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import io.leverxc.vector.SparseVector;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link TfidfFeaturizer#features} on one thread, from string to normalised sparse
 * vector, over the training texts of at least 100 characters of a data set, cut to about 100
 * characters. The featurizer is fitted on the training and label texts with default settings,
 * optionally with hashing or character n-grams.
 *
 * <p>Run from the repository root after {@code ./lever --help} has built the jar:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp tools/target/lever.jar org.openjdk.jmh.Main FeaturesBenchmark
 * </pre>
 *
 * The data set defaults to {@code data/LF-WordNetHierarchy-15K}. Set {@code -Dlever.bench.data=DIR}
 * for another one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class FeaturesBenchmark {
  /** Length to which each benchmark text is cut, in UTF-16 code units. */
  private static final int TEXT_CHARS = 100;

  @Param({"VOCABULARY", "HASHING"})
  public String indexing;

  /** Whether character n-grams 3 to 5 are added to the default word features. */
  @Param({"false", "true"})
  public boolean charNgrams;

  private TfidfFeaturizer featurizer;
  private String[] texts;
  private int next;

  @Setup(Level.Trial)
  public void fit() {
    Path dataset = Path.of(System.getProperty("lever.bench.data", "data/LF-WordNetHierarchy-15K"));
    FeatureBenchTexts benchTexts = FeatureBenchTexts.load(dataset, TEXT_CHARS);
    FeatureSettings settings =
        FeatureSettings.builder().indexing(FeatureIndexing.valueOf(indexing)).charNgrams(charNgrams).build();
    featurizer = TfidfFeaturizer.fit(settings, benchTexts.fitTexts(), Runtime.getRuntime().availableProcessors());
    List<String> shortTexts = benchTexts.shortTexts();
    texts = shortTexts.toArray(new String[0]);
    SparseVector first = featurizer.features(texts[0]);
    if (first.isEmpty() || Math.abs(first.norm() - 1.0) > 1e-4) {
      throw new IllegalStateException("featurizer self-check failed on '" + texts[0] + "': " + first);
    }
  }

  @Benchmark
  public SparseVector features() {
    String text = texts[next];
    next = next + 1 == texts.length ? 0 : next + 1;
    return featurizer.features(text);
  }
}
