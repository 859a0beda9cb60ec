package dev.inlay.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signature rules of play URLs, with a fixed clock. */
class PlayAuthUnitTest {
  private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

  @Test
  void withoutASecretNothingIsProtected() {
    PlayAuth auth = new PlayAuth(new PlayProperties("", List.of()), clock);
    assertThat(auth.protects("live")).isFalse();
    assertThat(auth.refusal("live", "/live/a.flv", null, null)).isNull();
  }

  @Test
  void onlyTheListedAppsAreProtected() {
    PlayAuth auth = new PlayAuth(new PlayProperties("k", List.of("paid")), clock);
    assertThat(auth.protects("paid")).isTrue();
    assertThat(auth.protects("live")).isFalse();
    assertThat(auth.refusal("live", "/live/a.flv", null, null)).isNull();
    assertThat(auth.refusal("paid", "/paid/a.flv", null, null)).contains("signed URL");
  }

  @Test
  void aSignatureHoldsForItsPathUntilItsTime() {
    PlayAuth auth = new PlayAuth(new PlayProperties("k", List.of()), clock);
    String q = auth.sign("/live/a.flv", 1_800_000_060L);
    String token = q.substring(q.indexOf("token=") + 6);
    assertThat(token).hasSize(64).matches("[0-9a-f]+");
    assertThat(auth.refusal("live", "/live/a.flv", "1800000060", token)).isNull();
    assertThat(auth.refusal("live", "/live/a.flv", "1800000060", token.toUpperCase())).isNull();
    assertThat(auth.refusal("live", "/live/b.flv", "1800000060", token)).contains("wrong");
    assertThat(auth.refusal("live", "/live/a.flv", "1800000061", token)).contains("wrong");

    String old = auth.sign("/live/a.flv", 1_799_999_999L);
    assertThat(auth.refusal("live", "/live/a.flv", "1799999999", old.substring(old.indexOf("token=") + 6)))
        .contains("expired");
  }
}
