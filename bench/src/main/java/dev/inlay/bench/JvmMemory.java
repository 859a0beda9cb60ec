package dev.inlay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM holds, read with {@code jcmd}: the live heap after a full collection ({@code GC.run}, then
 * {@code GC.heap_info}'s used size) and its native memory outside the heap (Native Memory Tracking's total
 * committed minus the Java heap's committed: threads, code, metadata, GC structures, direct buffers). The
 * JVM must run with {@code -XX:NativeMemoryTracking=summary}.
 */
final class JvmMemory {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
  private static final Pattern HEAP_COMMITTED = Pattern.compile("Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

  /** Live heap and native bytes. */
  record Usage(double liveHeap, double nativeBytes) {}

  private JvmMemory() {}

  static Usage measure(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String heap = jcmd(pid, "GC.heap_info");
    String nmt = jcmd(pid, "VM.native_memory", "summary");
    double used = 0;
    Matcher m = HEAP_USED.matcher(heap);
    if (m.find()) {
      used = Double.parseDouble(m.group(1)) * 1024; // the first "used" is the whole heap's
    }
    Matcher total = TOTAL.matcher(nmt);
    Matcher heapCommitted = HEAP_COMMITTED.matcher(nmt);
    double nativeBytes = total.find() && heapCommitted.find()
        ? (Double.parseDouble(total.group(1)) - Double.parseDouble(heapCommitted.group(1))) * 1024 : Double.NaN;
    return new Usage(used, nativeBytes);
  }

  private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
    String[] cmd = new String[command.length + 2];
    cmd[0] = "jcmd";
    cmd[1] = String.valueOf(pid);
    System.arraycopy(command, 0, cmd, 2, command.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
