package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutOfMemoryMessageTest {
  @Test
  void messageNamesCommandAndHeapLimit() {
    String message = OutOfMemoryMessage.of(
        new String[] {"train", "--data", "d"}, new OutOfMemoryError("Java heap space"), 1024L << 20);

    assertEquals("lever train: out of memory (Java heap space); the JVM can use at most 1,024 MiB of heap (set with"
        + " -Xmx); run it again with a larger heap, for example LEVER_JAVA_OPTS=-Xmx16g (the default is half of the"
        + " machine's memory), or with a smaller --dim or fewer --threads", message);
  }

  @Test
  void messageWithoutCommandOrReason() {
    String message = OutOfMemoryMessage.of(new String[] {"--version"}, new OutOfMemoryError(), 512L << 20);

    assertEquals("lever: out of memory; the JVM can use at most 512 MiB of heap (set with -Xmx); run it again with a"
        + " larger heap, for example LEVER_JAVA_OPTS=-Xmx16g (the default is half of the machine's memory)", message);
  }

  @Test
  void servingCommandsGetNoTrainingAdvice() {
    String message = OutOfMemoryMessage.of(new String[] {"serve"}, new OutOfMemoryError("Java heap space"), 1L << 30);

    assertEquals("lever serve: out of memory (Java heap space); the JVM can use at most 1,024 MiB of heap (set with"
        + " -Xmx); run it again with a larger heap, for example LEVER_JAVA_OPTS=-Xmx16g (the default is half of the"
        + " machine's memory)", message);
  }

  @Test
  void metaspaceMessageOmitsHeapAdvice() {
    String message = OutOfMemoryMessage.of(new String[] {"predict"}, new OutOfMemoryError("Metaspace"), 1L << 30);

    assertEquals("lever predict: out of memory (Metaspace); the JVM option that limits this memory is too low for the"
        + " run, or the machine is out of it; check LEVER_JAVA_OPTS", message);
  }
}
