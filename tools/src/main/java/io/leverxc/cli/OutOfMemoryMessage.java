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
    String subcommand = args.length > 0 && !args[0].startsWith("-") ? args[0] : null;
    String command = subcommand == null ? "lever" : "lever " + subcommand;
    String reason = error.getMessage() == null ? "" : " (" + error.getMessage() + ")";
    if (error.getMessage() != null && !error.getMessage().contains("heap")) {
      // Metaspace, direct buffers or native threads: a larger heap does not help.
      return command + ": out of memory" + reason + "; the JVM option that limits this memory is too low for the"
          + " run, or the machine is out of it; check LEVER_JAVA_OPTS";
    }
    String smaller = subcommand != null && TRAINING_COMMANDS.contains(subcommand) ? ", or with a smaller --dim or fewer --threads" : "";
    return String.format(Locale.ROOT,
        "%s: out of memory%s; the JVM can use at most %,d MiB of heap (set with -Xmx); run it again with a larger"
            + " heap, for example LEVER_JAVA_OPTS=-Xmx16g (the default is half of the machine's memory)%s",
        command, reason, maxHeapBytes / BYTES_PER_MIB, smaller);
  }

  /** Commands whose memory grows with --dim and --threads. */
  private static final java.util.Set<String> TRAINING_COMMANDS = java.util.Set.of("train", "retrain", "demo");
}
