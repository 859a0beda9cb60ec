package dev.inlay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time and memory of a family of processes, read from Linux's /proc (for browser benchmarks). */
final class ProcessStats {
  private static final double TICKS_PER_SECOND = 100;

  private ProcessStats() {}

  /** User + system CPU seconds of every process whose name contains the given text. */
  static double cpuSeconds(String name) throws IOException {
    double ticks = 0;
    for (Path proc : processes(name)) {
      ticks += cpuTicks(proc);
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** Proportional set size in bytes of every process whose name contains the given text. */
  static double pssBytes(String name) throws IOException {
    double kb = 0;
    for (Path proc : processes(name)) {
      kb += pssKb(proc);
    }
    return kb * 1024;
  }

  /** utime + stime of /proc/PID (fields 14 and 15 of proc(5)); 0 when the process ended meanwhile. */
  private static long cpuTicks(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Pss of /proc/PID in KB; 0 when the process ended meanwhile. */
  private static long pssKb(Path proc) {
    try {
      for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // ended meanwhile
    }
    return 0;
  }

  /** CPU seconds of a process and its descendants. */
  static double cpuSecondsOfTree(long pid) throws IOException {
    double ticks = 0;
    for (long p : tree(pid)) {
      ticks += cpuTicks(Path.of("/proc", String.valueOf(p)));
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** PSS in bytes of a process and its descendants. */
  static double pssBytesOfTree(long pid) throws IOException {
    double kb = 0;
    for (long p : tree(pid)) {
      kb += pssKb(Path.of("/proc", String.valueOf(p)));
    }
    return kb * 1024;
  }

  /** How many threads of a process and its descendants have this name (Chromium's worker threads:
   * "DedicatedWorker", the first 15 characters of "DedicatedWorker thread"). */
  static int threadsOfTree(long pid, String name) throws IOException {
    int n = 0;
    for (long p : tree(pid)) {
      try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(p), "task"))) {
        for (Path t : tasks.toList()) {
          try {
            if (Files.readString(t.resolve("comm")).trim().equals(name)) {
              n++;
            }
          } catch (IOException e) {
            // ended meanwhile
          }
        }
      } catch (IOException e) {
        // ended meanwhile
      }
    }
    return n;
  }

  /** The process and every process below it, from /proc/PID/stat parent links. */
  private static java.util.List<Long> tree(long root) throws IOException {
    java.util.Map<Long, Long> parent = new java.util.HashMap<>();
    try (Stream<Path> all = Files.list(Path.of("/proc"))) {
      for (Path p : all.filter(x -> x.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          parent.put(Long.parseLong(p.getFileName().toString()), Long.parseLong(f[1]));
        } catch (IOException | RuntimeException e) {
          // ended meanwhile
        }
      }
    }
    java.util.List<Long> out = new java.util.ArrayList<>(java.util.List.of(root));
    for (int i = 0; i < out.size(); i++) {
      long p = out.get(i);
      parent.forEach((child, par) -> {
        if (par == p) {
          out.add(child);
        }
      });
    }
    return out;
  }

  private static Iterable<Path> processes(String name) throws IOException {
    try (Stream<Path> all = Files.list(Path.of("/proc"))) {
      return all.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).filter(p -> {
        try {
          return Files.readString(p.resolve("comm")).contains(name);
        } catch (IOException e) {
          return false;
        }
      }).toList();
    }
  }
}
