package io.leverxc.serving;

import io.leverxc.model.LabelPredictor;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model currently served, swapped atomically on reload.
 *
 * <p>Each request takes a {@link Lease} and predicts through it. A model is closed only when it has
 * been replaced and its last lease is released, so requests that started on the old model finish on
 * it. Thread-safe.
 */
final class ModelSlot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelSlot.class);

  private final AtomicReference<Entry> current = new AtomicReference<>();
  private boolean closed;

  /** Returns a lease on the current model, or null when no model has been loaded yet. */
  Lease acquire() {
    while (true) {
      Entry entry = current.get();
      if (entry == null) {
        return null;
      }
      if (entry.tryRetain()) {
        return new Lease(entry);
      }
      // The entry was swapped out and fully released between get() and tryRetain(): read again.
    }
  }

  /** Returns true while a model is installed. */
  boolean isLoaded() {
    return current.get() != null;
  }

  /**
   * Installs {@code model} as the current model. The previous model, if any, is closed once its
   * last lease is released.
   */
  void install(LabelPredictor model, String source) {
    Entry installed = new Entry(model, source, Instant.now());
    Entry previous;
    synchronized (this) {
      if (closed) {
        // A reload that finishes during shutdown must not leave its model open.
        LOG.info("Not installing model {} from {} because the server is stopping", model.modelId(), source);
        installed.release();
        return;
      }
      previous = current.getAndSet(installed);
    }
    if (previous != null) {
      previous.release();
    }
  }

  /** Removes the current model and refuses later installs; the model is closed after its last lease. */
  @Override
  public void close() {
    Entry previous;
    synchronized (this) {
      closed = true;
      previous = current.getAndSet(null);
    }
    if (previous != null) {
      previous.release();
    }
  }

  /** A model with a count of its holders: the slot itself while installed, plus one per lease. */
  private static final class Entry {
    final LabelPredictor model;
    final String source;
    final Instant loadedAt;
    // Starts at 1 for the slot's own reference. Once it reaches 0 it never rises again.
    private final AtomicInteger references = new AtomicInteger(1);

    Entry(LabelPredictor model, String source, Instant loadedAt) {
      this.model = model;
      this.source = source;
      this.loadedAt = loadedAt;
    }

    boolean tryRetain() {
      while (true) {
        int count = references.get();
        if (count == 0) {
          return false;
        }
        if (references.compareAndSet(count, count + 1)) {
          return true;
        }
      }
    }

    void release() {
      if (references.decrementAndGet() == 0) {
        closeModel();
      }
    }

    private void closeModel() {
      try {
        model.close();
        LOG.info("Closed model {} loaded from {}", model.modelId(), source);
      } catch (Exception e) {
        // A failing close cannot be reported to any request, so it is only logged.
        LOG.error("Closing model {} loaded from {} failed", model.modelId(), source, e);
      }
    }
  }

  /** One request's hold on a model. Close it when the request is done with the model; later closes do nothing. */
  static final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean released;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    LabelPredictor model() {
      return entry.model;
    }

    /** Bundle path or other description of where the model came from. */
    String source() {
      return entry.source;
    }

    Instant loadedAt() {
      return entry.loadedAt;
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        entry.release();
      }
    }
  }
}
