package dev.inlay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/benchmarks.md is written by several benchmarks: each owns the part between
 * {@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->} and replaces only that.
 */
public final class BenchReport {
  private static final String TITLE = "# Benchmarks\n\nEach section is written by the command it names; "
      + "speeds are ratios against a reference measured in the same run on the same machine.\n";

  private BenchReport() {}

  public static void updateSection(Path file, String name, String body) throws IOException {
    String start = "<!-- bench:" + name + " -->";
    String end = "<!-- /bench:" + name + " -->";
    String text = Files.exists(file) ? Files.readString(file) : TITLE;
    String section = start + "\n" + body.strip() + "\n" + end;
    int a = text.indexOf(start);
    int b = text.indexOf(end);
    if (a >= 0 && b > a) {
      text = text.substring(0, a) + section + text.substring(b + end.length());
    } else {
      text = text.stripTrailing() + "\n\n" + section + "\n";
    }
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, text);
  }
}
