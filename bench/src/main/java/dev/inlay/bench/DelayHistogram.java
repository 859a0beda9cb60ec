package dev.inlay.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server's {@code inlay_live_tag_delay_seconds} histogram from its Prometheus page and takes
 * percentiles of what was recorded between two readings (cumulative buckets, so the difference of two
 * readings is the histogram of the time between them).
 */
final class DelayHistogram {
  private static final Pattern BUCKET = Pattern.compile(
      "^inlay_live_tag_delay_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);

  private DelayHistogram() {}

  /** Upper bound in seconds (+Inf as infinity) to cumulative count; empty when there is no page. */
  static Map<Double, Double> read(String url) {
    Map<Double, Double> buckets = new TreeMap<>();
    if (url == null) {
      return buckets;
    }
    try {
      String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = BUCKET.matcher(page);
      while (m.find()) {
        double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
        buckets.put(le, Double.parseDouble(m.group(2)));
      }
    } catch (java.io.IOException e) {
      return new TreeMap<>();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return buckets;
  }

  /** The q-quantile, in ms, of what was recorded between the readings before and after (bucket bound). */
  static double quantileMs(Map<Double, Double> before, Map<Double, Double> after, double q) {
    double total = after.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
        - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    if (total <= 0) {
      return Double.NaN;
    }
    for (Map.Entry<Double, Double> e : after.entrySet()) {
      double count = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      if (count >= q * total) {
        return e.getKey() * 1000;
      }
    }
    return Double.POSITIVE_INFINITY;
  }
}
