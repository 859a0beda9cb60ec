package dev.inlay.player.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyControllerTest {
  private final LatencyController controller = new LatencyController(1000, 3000);

  @Test
  void normalSpeedNearTheTarget() {
    assertEquals(1, controller.rate(1_000_000));
    assertEquals(1, controller.rate(1_250_000));
  }

  @Test
  void catchesUpWhenBehindAndStopsOnTarget() {
    double r = controller.rate(2_000_000);
    assertTrue(r > 1 && r <= LatencyController.MAX_RATE, "rate " + r);
    assertEquals(LatencyController.MAX_RATE, controller.rate(3_900_000));
    // Hysteresis: once catching up, it goes on until the latency is close to the target.
    assertTrue(controller.rate(1_200_000) > 1);
    assertEquals(1, controller.rate(1_040_000));
  }

  @Test
  void jumpsWhenFarBehind() {
    assertFalse(controller.shouldJump(3_900_000));
    assertTrue(controller.shouldJump(4_100_000));
  }

  @Test
  void latencyIsNeverNegative() {
    assertEquals(0, LatencyController.latencyUs(1_000, 5_000));
    assertEquals(4_000, LatencyController.latencyUs(5_000, 1_000));
  }
}
