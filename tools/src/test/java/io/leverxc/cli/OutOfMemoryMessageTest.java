package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutOfMemoryMessageTest {
  @Test
  void messageNamesCommandAndHeapLimit() {
    String message = OutOfMemoryMessage.of(
        new String[] {"train", "--data", "d"}, new OutOfMemoryError("Java heap space"), 1024L << 20);

    assertEquals("lever train: out of memory (Java heap space) with a Java heap of at most 1,024 MiB; run it again"
        + " with a larger heap, for example LEVER_JAVA_OPTS=-Xmx16g (the default is half of the machine's memory),"
        + " or with a smaller --dim or fewer --threads", message);
  }

  @Test
  void messageWithoutCommandOrReason() {
    String message = OutOfMemoryMessage.of(new String[] {"--version"}, new OutOfMemoryError(), 512L << 20);

    assertEquals("lever: out of memory with a Java heap of at most 512 MiB; run it again with a larger heap, for"
        + " example LEVER_JAVA_OPTS=-Xmx16g (the default is half of the machine's memory), or with a smaller --dim"
        + " or fewer --threads", message);
  }
}
