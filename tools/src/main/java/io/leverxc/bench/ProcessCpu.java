package io.leverxc.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this JVM process, for the cost per request of a benchmark phase. On a machine that
 * other jobs share, latency grows with their load much more than CPU time per request does, so the
 * latter estimates what an idle machine could sustain.
 */
public final class ProcessCpu {
  private ProcessCpu() {}

  /**
   * Returns the CPU time of all threads of this process in nanoseconds, or -1 if the JVM does not
   * report it.
   */
  public static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
