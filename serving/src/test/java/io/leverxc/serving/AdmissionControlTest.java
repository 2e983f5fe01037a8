package io.leverxc.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionControlTest {
  @Test
  void rejectsBeyondSlotsWithoutQueue() throws Exception {
    AdmissionControl admission = new AdmissionControl(2, 0, Duration.ofSeconds(5));
    assertTrue(admission.tryEnter());
    assertTrue(admission.tryEnter());
    assertFalse(admission.tryEnter(), "no slot and no queue");
    admission.release();
    assertTrue(admission.tryEnter(), "a released slot is reused");
  }

  @Test
  void queuedEntryTimesOut() throws Exception {
    AdmissionControl admission = new AdmissionControl(1, 1, Duration.ofMillis(20));
    assertTrue(admission.tryEnter());
    assertFalse(admission.tryEnter(), "waits 20 ms in the queue, then gives up");
    assertEquals(0, admission.queued());
  }

  @Test
  void queuedRequestIsNotOvertaken() throws Exception {
    AdmissionControl admission = new AdmissionControl(1, 2, Duration.ofMillis(200));
    assertTrue(admission.tryEnter());
    java.util.concurrent.CompletableFuture<Boolean> queued = new java.util.concurrent.CompletableFuture<>();
    Thread waiter = Thread.ofPlatform().start(() -> {
      try {
        queued.complete(admission.tryEnter());
      } catch (InterruptedException e) {
        queued.completeExceptionally(e);
      }
    });
    // Parked in the semaphore's queue, which is the only timed wait on its path.
    while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.isAlive()) {
      Thread.onSpinWait();
    }

    admission.release();
    boolean newcomerEntered = admission.tryEnter();

    assertTrue(queued.get(), "the queued request gets the released slot");
    assertFalse(newcomerEntered, "the newcomer queues behind it and times out while it holds the slot");
  }

  @Test
  void configRejectsOutOfRangeValues() {
    ServerConfig defaults = ServerConfig.defaults(Path.of("model"), 0);
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.defaults(Path.of("model"), 70_000));
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.defaults(Path.of("model"), -1));
    assertThrows(IllegalArgumentException.class, () -> defaults.withConcurrency(0, 1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> defaults.withConcurrency(1, -1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> defaults.withConcurrency(1, 1, Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> defaults.withLimits(0, 10, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> defaults.withLimits(10, 0, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> defaults.withLimits(10, 10, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> defaults.withLimits(10, 10, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> defaults.withDrainTimeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> defaults.withRequestReadTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> defaults.withRequestReadTimeout(Duration.ofMillis(1_500)),
        "the JDK's server counts the request read timeout in whole seconds");
  }

  @Test
  void configDefaultsAreSafe() {
    ServerConfig defaults = ServerConfig.defaults(Path.of("model"), 0);
    assertEquals("127.0.0.1", defaults.host());
    assertFalse(defaults.adminEnabled());
    assertTrue(defaults.adminLoopbackOnly());
  }
}
