package io.leverxc.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.model.LabelTextPredictor;
import io.leverxc.serving.TestBundles.TrackedPredictor;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSlotTest {
  private static TrackedPredictor model(String id) {
    List<String> labels = List.of("cat dog", "bird");
    FeatureSettings settings = FeatureSettings.builder().charNgrams(false).wordBigrams(false).minDocumentFrequency(1).build();
    return new TrackedPredictor(new LabelTextPredictor(TfidfFeaturizer.fit(settings, labels, 1), labels, id), null, null);
  }

  @Test
  void emptySlotGivesNoLease() {
    ModelSlot slot = new ModelSlot();
    assertNull(slot.acquire());
    assertFalse(slot.isLoaded());
  }

  @Test
  void swapClosesOldModelAfterLastLease() {
    ModelSlot slot = new ModelSlot();
    TrackedPredictor first = model("first");
    TrackedPredictor second = model("second");
    slot.install(first, "a");

    ModelSlot.Lease lease = slot.acquire();
    ModelSlot.Lease secondLease = slot.acquire();
    slot.install(second, "b");
    assertFalse(first.isClosed(), "two leases still hold the old model");
    assertSame(first, lease.model());

    lease.close();
    assertFalse(first.isClosed(), "one lease still holds the old model");
    secondLease.close();
    assertTrue(first.isClosed(), "closed after its last lease");

    try (ModelSlot.Lease fresh = slot.acquire()) {
      assertSame(second, fresh.model());
      assertEquals("b", fresh.source());
    }
    assertFalse(second.isClosed());
  }

  @Test
  void swapWithoutLeasesClosesAtOnce() {
    ModelSlot slot = new ModelSlot();
    TrackedPredictor first = model("first");
    slot.install(first, "a");
    slot.install(model("second"), "b");
    assertTrue(first.isClosed());
  }

  @Test
  void leaseCloseIsIdempotent() {
    ModelSlot slot = new ModelSlot();
    TrackedPredictor first = model("first");
    slot.install(first, "a");
    ModelSlot.Lease lease = slot.acquire();
    lease.close();
    lease.close();
    assertFalse(first.isClosed(), "a double close must not release the slot's own reference");
  }

  @Test
  void closeSlotClosesModelAfterLeases() {
    ModelSlot slot = new ModelSlot();
    TrackedPredictor first = model("first");
    slot.install(first, "a");
    ModelSlot.Lease lease = slot.acquire();
    slot.close();
    assertNull(slot.acquire());
    assertFalse(first.isClosed());
    lease.close();
    assertTrue(first.isClosed());
  }

  @Test
  void installAfterCloseClosesModel() {
    ModelSlot slot = new ModelSlot();
    slot.close();
    TrackedPredictor late = model("late");
    slot.install(late, "a");
    assertTrue(late.isClosed());
    assertNull(slot.acquire());
  }
}
