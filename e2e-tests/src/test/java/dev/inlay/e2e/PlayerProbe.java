package dev.inlay.e2e;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a player on a page shows, read from its canvas by probe.js: corner colours, the frame counter of
 * the sample pattern, and the element's state and stats.
 */
record PlayerProbe(int width, int height, int counter, double time, double duration, boolean paused, boolean ended,
    int readyState, List<Integer> topLeft, List<Integer> topRight, List<Integer> bottomLeft, List<Integer> bottomRight,
    Map<String, Object> error, Map<String, Object> stats) {
  private static final String SCRIPT = load();

  private static String load() {
    try (InputStream in = PlayerProbe.class.getResourceAsStream("/probe.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static PlayerProbe read(Page page, String id) {
    Map<String, Object> m = (Map<String, Object>) page.evaluate(SCRIPT, id);
    return new PlayerProbe(num(m, "width").intValue(), num(m, "height").intValue(), num(m, "counter").intValue(),
        num(m, "time").doubleValue(), num(m, "duration") == null ? Double.NaN : num(m, "duration").doubleValue(),
        (Boolean) m.get("paused"), (Boolean) m.get("ended"), num(m, "readyState").intValue(),
        ints(m.get("topLeft")), ints(m.get("topRight")), ints(m.get("bottomLeft")), ints(m.get("bottomRight")),
        (Map<String, Object>) m.get("error"), (Map<String, Object>) m.get("stats"));
  }

  private static Number num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n : null;
  }

  @SuppressWarnings("unchecked")
  private static List<Integer> ints(Object o) {
    return ((List<Number>) o).stream().map(Number::intValue).toList();
  }

  double stat(String name) {
    Object v = stats.get(name);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Whether a colour is within tolerance of an expected RGB. */
  static boolean near(List<Integer> rgb, int r, int g, int b) {
    return Math.abs(rgb.get(0) - r) <= 48 && Math.abs(rgb.get(1) - g) <= 48 && Math.abs(rgb.get(2) - b) <= 48;
  }

  /** The corner patches of the sample pattern: red, green, blue, white. */
  boolean cornersRight() {
    return near(topLeft, 255, 0, 0) && near(topRight, 0, 255, 0) && near(bottomLeft, 0, 0, 255)
        && near(bottomRight, 255, 255, 255);
  }

  @Override
  public String toString() {
    return "counter " + counter + " at " + time + " s of " + duration + ", " + width + "x" + height + ", corners "
        + topLeft + topRight + bottomLeft + bottomRight + ", paused " + paused + ", error " + error + ", stats " + stats;
  }
}
