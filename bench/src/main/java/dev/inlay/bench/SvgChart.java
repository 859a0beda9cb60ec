package dev.inlay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as a small self-contained SVG file beside docs/benchmarks.md (in docs/charts/),
 * so that the report shows its figures at a glance on any Markdown viewer.
 */
final class SvgChart {
  /** One bar: its label, value, and whether it is the reference (drawn grey). */
  record Bar(String label, double value, boolean reference) {}

  private SvgChart() {}

  /**
   * Writes docs/charts/NAME.svg next to the report and returns the Markdown that shows it. A target, when
   * not NaN, is drawn as a dashed line.
   */
  static String write(Path report, String name, String title, String unit, List<Bar> bars, double target)
      throws IOException {
    int labelW = 300;
    int barW = 360;
    int rowH = 26;
    int top = 34;
    int height = top + bars.size() * rowH + 30;
    double max = bars.stream().mapToDouble(Bar::value).filter(Double::isFinite).max().orElse(1);
    if (Double.isFinite(target)) {
      max = Math.max(max, target);
    }
    max = max <= 0 ? 1 : max * 1.1;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(labelW + barW + 90)
        .append("\" height=\"").append(height).append("\" font-family=\"sans-serif\" font-size=\"13\">")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
        .append("<text x=\"8\" y=\"20\" font-weight=\"bold\">").append(esc(title)).append("</text>");
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = top + i * rowH;
      double w = Double.isFinite(b.value()) ? Math.max(1, b.value() / max * barW) : 0;
      svg.append("<text x=\"").append(labelW - 8).append("\" y=\"").append(y + 16)
          .append("\" text-anchor=\"end\">").append(esc(b.label())).append("</text>")
          .append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 4).append("\" width=\"")
          .append(num(w)).append("\" height=\"").append(rowH - 8).append("\" fill=\"")
          .append(b.reference() ? "#9aa0a6" : "#1a73e8").append("\"/>")
          .append("<text x=\"").append(num(labelW + w + 6)).append("\" y=\"").append(y + 16).append("\">")
          .append(Double.isFinite(b.value()) ? esc(value(b.value()) + " " + unit) : "—").append("</text>");
    }
    if (Double.isFinite(target)) {
      double x = labelW + target / max * barW;
      svg.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(top).append("\" x2=\"").append(num(x))
          .append("\" y2=\"").append(top + bars.size() * rowH).append("\" stroke=\"#d93025\" stroke-dasharray=\"4 3\"/>")
          .append("<text x=\"").append(num(x)).append("\" y=\"").append(top + bars.size() * rowH + 16)
          .append("\" text-anchor=\"middle\" fill=\"#d93025\">target ").append(esc(value(target))).append("</text>");
    }
    svg.append("</svg>\n");
    Path dir = report.toAbsolutePath().getParent().resolve("charts");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".svg"), svg.toString());
    return "![" + title + "](charts/" + name + ".svg)\n\n";
  }

  private static String value(double v) {
    return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
