package dev.inlay.e2e;

import static dev.inlay.e2e.PlayerPlaybackTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A VOD download that the network leaves hanging or breaks is asked for again: a request without a
 * response is sent again, and a body that stops or whose connection drops is resumed with a Range request
 * from the byte it stopped at; each way the file plays to its end without an error. So is a decoder
 * build whose download hangs.
 */
class PlayerNetworkTest extends PlayerE2e {
  private static final String FILE = "h264-baseline-aac-360p.flv";

  private Browser browser;

  @BeforeAll
  void startBrowser() {
    browser = Browsers.chromium(playwright);
  }

  /** Leaves the page's first request for the glob without a response, lets later ones through; lists them. */
  private static List<String> leaveFirstUnanswered(Page page, String glob) {
    List<String> asked = new ArrayList<>();
    page.route(glob, route -> {
      asked.add(route.request().url());
      if (asked.size() > 1) {
        route.resume();
      }
    });
    return asked;
  }

  /**
   * A decoder build whose download brings no byte for 10 s is aborted and asked for again, and the file
   * then plays: the player does not wait without a word for a download that hangs.
   */
  @Test
  void aDecoderDownloadThatHangsIsAskedForAgain() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      List<String> asked = leaveFirstUnanswered(page, "**/decoder-flv*.wasm");
      page.navigate(base() + "/play.html?src=/media/" + FILE + "&autoplay&muted");
      PlayerProbe playing = waitFor(page, "player", p -> p.counter() > 30, 40,
          "playback after the decoder was asked for again");
      assertEquals(2, asked.size(), asked.toString());
      assertEquals(asked.get(0), asked.get(1));
      assertTrue(playing.cornersRight(), playing.toString());
      assertNull(playing.error(), playing.toString());
    }
  }

  /**
   * A decoder worker that never starts (its script's request left without a response, so importScripts
   * blocks it for ever) is replaced after 30 s, with a recoverable error that says so; the file then plays.
   */
  @Test
  void aDecoderWorkerThatNeverStartsIsReplaced() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      List<String> asked = leaveFirstUnanswered(page, "**/inlay-worker.js");
      page.navigate(base() + "/play.html?src=/media/" + FILE + "&autoplay&muted");
      PlayerProbe playing = waitFor(page, "player", p -> p.counter() > 30, 60, "playback on a new worker");
      assertEquals(2, asked.size(), asked.toString());
      assertTrue(playing.cornersRight(), playing.toString());
      assertEquals(true, playing.error().get("recoverable"), playing.toString());
      assertTrue(String.valueOf(playing.error().get("message")).contains("did not start"), playing.toString());
    }
  }

  /**
   * A live stream whose timestamps start again (a publisher restarted on a server that passes its
   * timestamps on) plays on through the restart in real time, without a reconnect; before, the clock
   * crawled and every picture stalled until the connection ended.
   */
  @Test
  void aLiveStreamWhoseTimestampsStartAgainPlaysOn() throws Exception {
    try (RestartingLiveServer server = new RestartingLiveServer(MEDIA.resolve(E2eMedia.NO_DURATION_FLV), 2);
        BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(base() + "/play.html?src=" + server.url() + "&autoplay&muted");
      PlayerProbe later = waitFor(page, "player", p -> p.time() > 14, 30, "playback 4 s past the restart");
      // A few stalls at the start and at the restart, as this player keeps close to the live edge; before,
      // there was one for every picture after the restart.
      assertTrue(later.stat("stalls") <= 5, later.toString());
      assertEquals(0, later.stat("reconnects"), later.toString());
      assertTrue(later.cornersRight(), later.toString());
      assertNull(later.error(), later.toString());
    }
  }

  @Test
  void aRequestWithoutAResponseIsSentAgain() throws Exception {
    try (StallingFileServer server = new StallingFileServer(MEDIA.resolve(FILE), StallingFileServer.Mode.SILENT, 0);
        BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(base() + "/play.html?src=" + server.url(FILE) + "&autoplay&muted");
      PlayerProbe playing = waitFor(page, "player", p -> p.counter() > 60, 40,
          "playback after the request was sent again");
      assertTrue(playing.cornersRight(), playing.toString());
      assertEquals(1.0, playing.stat("downloadRetries"), playing.toString());
      assertEquals(List.of("GET", "GET"), server.requests());
      assertNull(playing.error(), playing.toString());
    }
  }

  @Test
  void aStalledBodyResumesWithARangeRequest() throws Exception {
    int stallAfter = 300_000;
    try (StallingFileServer server = new StallingFileServer(MEDIA.resolve(FILE), StallingFileServer.Mode.STALL,
        stallAfter);
        BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(base() + "/play.html?src=" + server.url(FILE) + "&autoplay&muted");
      PlayerProbe end = waitFor(page, "player", PlayerProbe::ended, 60, "the end of the file");
      assertEquals(1.0, end.stat("downloadRetries"), end.toString());
      assertEquals(List.of("GET", "GET bytes=" + stallAfter + "-"), server.requests());
      assertTrue(end.counter() >= 290, "the last pictures were shown: " + end);
      assertTrue(end.cornersRight(), end.toString());
      assertNull(end.error(), end.toString());
    }
  }

  @Test
  void aBrokenConnectionResumesWithARangeRequest() throws Exception {
    int breakAfter = 500_000;
    try (StallingFileServer server = new StallingFileServer(MEDIA.resolve(FILE), StallingFileServer.Mode.BREAK,
        breakAfter); BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(base() + "/play.html?src=" + server.url(FILE) + "&autoplay&muted");
      PlayerProbe end = waitFor(page, "player", PlayerProbe::ended, 40, "the end of the file");
      assertEquals(1.0, end.stat("downloadRetries"), end.toString());
      // Chromium may drop what it had buffered but not handed on when the connection fails: the player
      // resumes from the last byte it received (from the start when none came), at most where the server
      // stopped.
      assertEquals(2, server.requests().size(), server.requests().toString());
      String again = server.requests().get(1);
      long resumedAt = again.equals("GET") ? 0 : Long.parseLong(again.replaceAll("GET bytes=(\\d+)-", "$1"));
      assertTrue(resumedAt <= breakAfter, server.requests().toString());
      assertTrue(end.counter() >= 290, "the last pictures were shown: " + end);
      assertNull(end.error(), end.toString());
    }
  }
}
