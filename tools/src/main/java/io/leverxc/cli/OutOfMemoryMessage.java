package io.leverxc.cli;

import java.util.Locale;

/**
 * The one-line error printed when a command runs out of Java heap. It replaces the JVM's stack
 * trace, which names a class deep inside the pipeline but not the setting to change.
 */
final class OutOfMemoryMessage {
  /** Exit code of a run that ran out of memory; 1 is for other unexpected failures. */
  static final int EXIT_CODE = 3;

  private static final long BYTES_PER_MIB = 1L << 20;

  private OutOfMemoryMessage() {}

  /**
   * Returns the message for {@code error} thrown by the command {@code args} names, with the heap
   * limit {@code maxHeapBytes} (as {@link Runtime#maxMemory()} reports it).
   */
  static String of(String[] args, OutOfMemoryError error, long maxHeapBytes) {
    String command = args.length > 0 && !args[0].startsWith("-") ? "lever " + args[0] : "lever";
    String reason = error.getMessage() == null ? "" : " (" + error.getMessage() + ")";
    return String.format(Locale.ROOT,
        "%s: out of memory%s with a Java heap of at most %,d MiB; run it again with a larger heap, for example"
            + " LEVER_JAVA_OPTS=-Xmx16g (the default is half of the machine's memory), or with a smaller --dim"
            + " or fewer --threads",
        command, reason, maxHeapBytes / BYTES_PER_MIB);
  }
}
