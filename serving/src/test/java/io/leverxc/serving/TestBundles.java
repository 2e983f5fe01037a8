package io.leverxc.serving;

import io.leverxc.data.TextLinesReader;
import io.leverxc.model.LabelPredictor;
import io.leverxc.model.LabelTextPredictor;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Test bundles: a folder with a {@code Y.txt} of label texts, loaded as a real
 * {@link LabelTextPredictor} whose id is {@code "model-" + folder name}. Every loaded model is
 * wrapped in a {@link TrackedPredictor} so tests can check when it was closed.
 */
final class TestBundles implements ModelLoader {
  private static final long READY_TIMEOUT_SECONDS = 10;
  static final List<String> ANIMALS = List.of("dog canine pet", "cat feline pet", "car vehicle engine", "oak tree wood");
  static final List<String> BIRDS = List.of("dog canine pet", "cat feline pet", "bird feather wing", "oak tree wood", "fish water fin");

  private static final FeatureSettings WORDS_ONLY =
      FeatureSettings.builder().wordBigrams(false).charNgrams(false).stem(false).minDocumentFrequency(1).build();

  final List<TrackedPredictor> loaded = new CopyOnWriteArrayList<>();
  /** When set, every predict call of models loaded afterwards waits on it first. */
  volatile CountDownLatch predictGate;
  /** When set, counted down by every predict call of models loaded afterwards, before the gate. */
  volatile CountDownLatch predictEntered;
  /** When set, {@link #load} waits on it first. */
  volatile CountDownLatch loadGate;
  /** When set, counted down as {@link #load} starts. */
  volatile CountDownLatch loadEntered;

  static Path write(Path parent, String name, List<String> labelTexts) throws IOException {
    Path directory = Files.createDirectories(parent.resolve(name));
    Files.write(directory.resolve("Y.txt"), labelTexts);
    return directory;
  }

  @Override
  public LabelPredictor load(Path bundle) throws IOException {
    CountDownLatch entered = loadEntered;
    if (entered != null) {
      entered.countDown();
    }
    CountDownLatch gate = loadGate;
    if (gate != null) {
      awaitGate(gate);
    }
    List<String> labelTexts = TextLinesReader.read(bundle.resolve("Y.txt"), -1);
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(WORDS_ONLY, labelTexts, 1);
    String modelId = "model-" + bundle.getFileName();
    TrackedPredictor model = new TrackedPredictor(new LabelTextPredictor(featurizer, labelTexts, modelId), predictEntered, predictGate);
    loaded.add(model);
    return model;
  }

  /**
   * Starts a server on an ephemeral loopback port serving the animals bundle written under
   * {@code parent}, with {@code config} applied to the defaults, and waits until it is ready.
   */
  static LeverServer startAnimalsServer(Path parent, UnaryOperator<ServerConfig> config) throws Exception {
    Path animals = write(parent, "animals", ANIMALS);
    LeverServer server = LeverServer.start(config.apply(ServerConfig.defaults(animals, 0)), new TestBundles());
    server.initialLoad().get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return server;
  }

  private static void awaitGate(CountDownLatch gate) {
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test gate was not opened within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting on a test gate", e);
    }
  }

  /**
   * Delegates to a real predictor, records close(), and fails any call made after close(), which
   * would show up as a 500 in the server tests.
   */
  static final class TrackedPredictor implements LabelPredictor {
    private final LabelPredictor delegate;
    private final CountDownLatch entered;
    private final CountDownLatch gate;
    private final AtomicBoolean closed = new AtomicBoolean();

    TrackedPredictor(LabelPredictor delegate, CountDownLatch entered, CountDownLatch gate) {
      this.delegate = delegate;
      this.entered = entered;
      this.gate = gate;
    }

    boolean isClosed() {
      return closed.get();
    }

    @Override
    public List<ScoredLabel> predict(String text, int k) {
      if (entered != null) {
        entered.countDown();
      }
      if (gate != null) {
        awaitGate(gate);
      }
      requireOpen();
      return delegate.predict(text, k);
    }

    @Override
    public boolean hasFeatures(String text) {
      requireOpen();
      return delegate.hasFeatures(text);
    }

    @Override
    public int labelCount() {
      requireOpen();
      return delegate.labelCount();
    }

    @Override
    public String labelText(int id) {
      requireOpen();
      return delegate.labelText(id);
    }

    @Override
    public boolean isRemoved(int id) {
      requireOpen();
      return delegate.isRemoved(id);
    }

    @Override
    public String modelId() {
      return delegate.modelId();
    }

    @Override
    public Map<String, Object> summary() {
      requireOpen();
      return delegate.summary();
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        throw new IllegalStateException("model " + modelId() + " closed twice");
      }
    }

    private void requireOpen() {
      if (closed.get()) {
        throw new IllegalStateException("model " + modelId() + " used after close");
      }
    }
  }
}
