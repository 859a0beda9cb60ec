package dev.inlay.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Percentiles of the part of a cumulative histogram recorded between two readings. */
class DelayHistogramTest {
  private static Map<Double, Double> buckets(double... cumulative) {
    double[] bounds = {0.001, 0.005, 0.02, Double.POSITIVE_INFINITY};
    Map<Double, Double> m = new TreeMap<>();
    for (int i = 0; i < bounds.length; i++) {
      m.put(bounds[i], cumulative[i]);
    }
    return m;
  }

  @Test
  void quantilesOfTheDifference() {
    // Before: 100 fast records. Between: 90 under 1 ms, 9 under 5 ms, 1 over 20 ms.
    Map<Double, Double> before = buckets(100, 100, 100, 100);
    Map<Double, Double> after = buckets(190, 199, 199, 200);
    assertEquals(1.0, DelayHistogram.quantileMs(before, after, 0.5), 1e-9);
    assertEquals(5.0, DelayHistogram.quantileMs(before, after, 0.99), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, DelayHistogram.quantileMs(before, after, 0.999));
    assertTrue(Double.isNaN(DelayHistogram.quantileMs(after, after, 0.5)));
  }
}
