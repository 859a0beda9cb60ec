package dev.inlay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code <inlay-player>} in real Chromium against the real server: every sample format reaches the canvas
 * with the right picture (corner colours, the frame counter advancing with currentTime), audio drives the
 * clock within 50 ms, seeking shows the frame at the target, the live demo channel plays, a corrupt stream
 * raises an error and playback goes on, a killed decoder worker is replaced, and two players share a page;
 * also 4:2:2 and 4:4:4 pictures through both renderers, a file with no duration, and sound that starts late.
 */
class PlayerPlaybackTest extends PlayerE2e {
  static final double FPS = 30;

  private Browser browser;

  @BeforeAll
  void startBrowser() {
    browser = Browsers.chromium(playwright);
  }

  private String url(String query) {
    return base() + "/play.html?" + query;
  }

  static PlayerProbe waitFor(Page page, String id, Predicate<PlayerProbe> condition, double seconds, String what) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    PlayerProbe last = null;
    while (System.nanoTime() < end) {
      last = PlayerProbe.read(page, id);
      if (condition.test(last)) {
        return last;
      }
      page.waitForTimeout(100);
    }
    throw new AssertionError("timed out waiting for " + what + "; last: " + last);
  }

  /** Plays a sample and checks picture, counter against currentTime, and audio. */
  @ParameterizedTest
  @ValueSource(strings = {"h264-baseline-aac-360p.flv", "h264-high-aac-360p.flv", "h264-mp3-360p.flv",
      "hevc-aac-360p-legacy.flv", "hevc-aac-360p-enhanced.flv", "vp8-vorbis-360p.webm", "vp9-opus-360p.webm",
      "av1-opus-360p.webm"})
  void playsSample(String file) {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(url("src=/media/" + file + "&autoplay"));
      PlayerProbe first = waitFor(page, "player", p -> p.time() > 1.0 && p.counter() > 0, 20, "playback of " + file);
      assertEquals(640, first.width(), first.toString());
      assertEquals(360, first.height(), first.toString());
      assertTrue(first.cornersRight(), "corner patches: " + first);
      assertEquals(10, first.duration(), 0.2, first.toString());
      PlayerProbe later = waitFor(page, "player", p -> p.counter() >= first.counter() + 20, 10,
          "the frame counter to advance");
      // The picture shown belongs to the clock: the counter is currentTime * fps, give or take a few frames.
      assertEquals(later.time() * FPS, later.counter(), 6, "counter vs currentTime: " + later);
      assertEquals(true, later.stats().get("audioRunning"), "audio output running: " + later);
      assertTrue(later.stat("audioQueuedMs") > 0, "audio queued: " + later);
      assertTrue(Math.abs(later.stat("avOffsetMs")) <= 50, "A/V offset: " + later);
      assertNull(later.error(), later.toString());
    }
  }

  /**
   * A muted player opens no audio output (no AudioContext is ever constructed) and plays on the wall clock;
   * unmuting opens one, and the sound joins in sync.
   */
  @Test
  void mutedPlayerHoldsNoAudioOutputUntilUnmuted() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.addInitScript("window.audioContexts = 0; const C = window.AudioContext;"
          + " window.AudioContext = class extends C { constructor(o) { super(o); window.audioContexts++; } };");
      page.navigate(url("src=/media/h264-high-aac-360p.flv&autoplay&muted"));
      PlayerProbe muted = waitFor(page, "player", p -> p.time() > 1.5 && p.counter() > 0, 20, "muted playback");
      assertEquals(0, ((Number) page.evaluate("() => window.audioContexts")).intValue(), muted.toString());
      assertEquals("none", muted.stats().get("audio"), muted.toString());
      assertEquals(false, muted.stats().get("audioRunning"), muted.toString());
      assertEquals(muted.time() * FPS, muted.counter(), 6, "counter vs currentTime on the wall clock: " + muted);
      page.evaluate("() => { document.getElementById('player').muted = false; }");
      PlayerProbe sound = waitFor(page, "player", p -> Boolean.TRUE.equals(p.stats().get("audioRunning"))
          && p.stat("audioQueuedMs") > 0, 10, "the sound to start after unmuting");
      PlayerProbe later = waitFor(page, "player", p -> p.counter() >= sound.counter() + 20, 10, "playback after unmuting");
      assertEquals(1, ((Number) page.evaluate("() => window.audioContexts")).intValue(), later.toString());
      assertTrue(Math.abs(later.stat("avOffsetMs")) <= 50, "A/V offset: " + later);
      assertEquals(later.time() * FPS, later.counter(), 6, "counter vs currentTime: " + later);
      assertNull(later.error(), later.toString());
    }
  }

  /**
   * FLV starts with the compact decoder build (H.264, HEVC, AAC, G.711, 8-bit video), Matroska with the WebM one;
   * MP3 audio, 10-bit video and HEVC in Matroska make the player switch to the full build before the first
   * picture, and nothing is lost or reported.
   */
  @Test
  void switchesToTheFullBuildForWhatTheCompactOneLacks() {
    for (String file : List.of("h264-high-aac-360p.flv", "h264-mp3-360p.flv", E2eMedia.DEEP_FLV, "hevc-aac-360p.mkv")) {
      try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
        page.navigate(url("src=/media/" + file + "&autoplay"));
        PlayerProbe first = waitFor(page, "player", p -> p.time() > 0.5 && p.counter() > 0, 20, "playback of " + file);
        assertEquals(file.equals("h264-high-aac-360p.flv") ? "flv" : "all",
            first.stats().get("decoderSet"), file + ": " + first);
        PlayerProbe later = waitFor(page, "player", p -> p.counter() >= first.counter() + 20, 10,
            "the frame counter to advance in " + file);
        assertTrue(later.cornersRight(), "corner patches: " + later);
        assertEquals(later.time() * FPS, later.counter(), 6, "counter vs currentTime: " + later);
        assertTrue(later.stat("audioQueuedMs") > 0, "audio queued: " + later);
        assertEquals(0, later.stat("decodeErrors"), later.toString());
        assertNull(later.error(), later.toString());
      }
    }
  }

  /** The WebGL renderer, forced: headless Chromium's WebGL is software, where the player would pick Canvas 2D. */
  @Test
  void playsThroughWebGl() {
    for (String file : List.of("h264-high-aac-360p.flv", "vp9-opus-360p.webm")) {
      try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
        page.navigate(url("src=/media/" + file + "&autoplay&muted&renderer=webgl"));
        PlayerProbe first = waitFor(page, "player", p -> p.counter() > 10, 20, "playback of " + file);
        PlayerProbe later = waitFor(page, "player", p -> p.counter() > first.counter() + 15, 10, "the counter to advance");
        assertEquals("webgl", later.stats().get("renderer"), later.toString());
        assertTrue(later.cornersRight(), later.toString());
        assertNull(later.error(), later.toString());
      }
    }
  }

  /**
   * A WebM file cut in half plays what it has, says that it ended early, and ends; it does not ask for the
   * Cues its SeekHead places past its end.
   */
  @Test
  void playsATruncatedFileToItsEnd() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
      page.onResponse(r -> statuses.add(r.status()));
      page.navigate(url("src=/media/" + E2eMedia.TRUNCATED_WEBM + "&autoplay&muted"));
      waitFor(page, "player", p -> p.time() > 1 && p.counter() > 0, 20, "playback");
      page.evaluate("() => { document.getElementById('player').currentTime = 3.5; }");
      PlayerProbe end = waitFor(page, "player", PlayerProbe::ended, 15, "the end");
      assertTrue(end.time() > 4 && end.time() < 6, "about half of the 10 s: " + end);
      assertEquals(3, ((Number) end.error().get("code")).intValue(), end.toString());
      assertEquals(true, end.error().get("recoverable"), end.toString());
      assertTrue(String.valueOf(end.error().get("message")).contains("ends early"), end.toString());
      assertFalse(statuses.contains(416), "a request past the end: " + statuses);
    }
  }

  /** A source with nothing to play ends in MEDIA_ERR_SRC_NOT_SUPPORTED, not in a player that waits for ever. */
  @Test
  void sourcesWithNothingToPlayEndInAnError() {
    for (String file : E2eMedia.NOTHING_TO_PLAY) {
      try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
        page.navigate(url("src=/media/" + file + "&autoplay&muted"));
        PlayerProbe p = waitFor(page, "player", x -> x.error() != null, 10, "an error for " + file);
        assertEquals(4, ((Number) p.error().get("code")).intValue(), file + ": " + p);
        assertEquals(false, p.error().get("recoverable"), file + ": " + p);
      }
    }
  }

  /**
   * Sound that needs no codec: G.711 beside H.264 as IP cameras send it (in the compact FLV build, so a
   * camera stream loads nothing more) and float PCM in Matroska (the full build); both play in sync.
   */
  @Test
  void playsG711AndPcmSound() {
    for (String[] c : new String[][] {{E2eMedia.G711_FLV, "pcm_alaw", "flv"}, {E2eMedia.PCM_MKV, "pcm_f32le", "all"}}) {
      try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
        page.navigate(url("src=/media/" + c[0] + "&autoplay"));
        PlayerProbe p = waitFor(page, "player", x -> x.time() > 2 && x.counter() > 0, 20, "playback of " + c[0]);
        assertEquals(c[1], p.stats().get("audioCodec"), p.toString());
        assertEquals(true, p.stats().get("audioRunning"), p.toString());
        assertEquals(c[2], p.stats().get("decoderSet"), p.toString());
        assertTrue(Math.abs(p.stat("avOffsetMs")) <= 50, "A/V offset: " + p);
        assertEquals(p.time() * FPS, p.counter(), 6, "counter vs currentTime: " + p);
        assertNull(p.error(), p.toString());
      }
    }
  }

  /**
   * Files a browser's MediaRecorder wrote (no duration, no Cues, 60 ms Opus packets, H.264 in WebM with its
   * parameter sets in the stream, sizes changing midway): each plays with its sound to its end, at the
   * size it ends with. The sound-only one once ran on past its end: the sound queue kept a rounding residue
   * of the block lengths it had summed, so it never looked empty.
   */
  @Test
  void playsBrowserRecordingsToTheirEnd() {
    for (String file : E2eMedia.RECORDINGS) {
      try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
        page.navigate(url("src=/media/" + file + "&autoplay"));
        PlayerProbe end = waitFor(page, "player", PlayerProbe::ended, 15, "the end of " + file);
        assertEquals(2, end.duration(), 0.15, file + ": " + end);
        assertEquals(end.duration(), end.time(), 0.1, file + ": " + end);
        assertNull(end.error(), file + ": " + end);
        assertEquals("opus", end.stats().get("audioCodec"), file + ": " + end);
        assertEquals(true, end.stats().get("audioRunning"), file + ": " + end);
        if (!file.equals("mediarecorder-opus.webm")) {
          assertTrue(end.stat("decodedFrames") >= 55, file + ": " + end);
          Object width = page.evaluate("() => document.getElementById('player').videoWidth");
          assertEquals(file.contains("resize") ? 320 : 240, ((Number) width).intValue(), file + ": " + end);
        }
      }
    }
  }

  /**
   * FLV files joined end to end: the second part, whose timestamps start again and whose sequence
   * headers differ (high profile after baseline), plays on after the first, every picture shown, and the
   * duration grows to both; a seek back into the first part decodes it with its own sequence header.
   */
  @Test
  void playsFilesJoinedEndToEnd() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.addInitScript("window.back = 0; window.last = 0; window.addEventListener('timeupdate', e => {"
          + " const t = e.target.currentTime; if (t < window.last - 0.5) window.back++; window.last = t; }, true);");
      page.navigate(url("src=/media/" + E2eMedia.JOINED_FLV + "&autoplay&muted"));
      PlayerProbe end = waitFor(page, "player", PlayerProbe::ended, 40, "the end of both parts");
      assertEquals(20, end.duration(), 0.2, end.toString());
      assertEquals(end.duration(), end.time(), 0.1, end.toString());
      assertEquals(0, ((Number) page.evaluate("() => window.back")).intValue(), "currentTime never went back");
      assertTrue(end.stat("shownFrames") >= 590, end.toString());
      assertEquals(0, end.stat("skippedPackets"), end.toString());
      assertEquals(0, end.stat("decodeErrors"), end.toString());
      assertNull(end.error(), end.toString());
      // Back into the first part, from what was received: decoded with the first part's sequence header.
      page.evaluate("() => { const p = document.getElementById('player'); window.seeked = 0;"
          + " p.addEventListener('seeked', () => window.seeked++); p.currentTime = 5; }");
      page.waitForFunction("() => window.seeked > 0");
      PlayerProbe back = PlayerProbe.read(page, "player");
      assertEquals(E2eMedia.counterAt(MEDIA.resolve("h264-baseline-aac-360p.flv"), 5), back.counter(), back.toString());
      assertTrue(back.cornersRight(), back.toString());
      assertEquals(0, back.stat("decodeErrors"), back.toString());
    }
  }

  /**
   * A recording that kept a live stream's times (tags from 3,600 s, onMetaData saying 10 s) plays on a
   * timeline from 0 to its duration, as a seek bar expects, to its end (before: currentTime ran from 3,600
   * against a duration of 10).
   */
  @Test
  void playsARecordingThatStartsLateFromZero() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(url("src=/media/" + E2eMedia.LATE_FLV + "&autoplay&muted"));
      PlayerProbe p = waitFor(page, "player", x -> x.time() > 1, 20, "playback");
      assertTrue(p.time() < 3, p.toString());
      assertEquals(10, p.duration(), 0.2, p.toString());
      assertEquals(p.time() * FPS, p.counter(), 6, "counter vs currentTime: " + p);
      PlayerProbe end = waitFor(page, "player", PlayerProbe::ended, 15, "the end");
      assertEquals(end.duration(), end.time(), 0.1, end.toString());
    }
  }

  /**
   * Tracks the player does not play (subtitles beside the picture and the sound, AC-3 sound) are left out
   * without an error; a file left with nothing to play fails saying which track it could not take.
   */
  @Test
  void leavesOutTracksItDoesNotPlay() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(url("src=/media/" + E2eMedia.SUBTITLED_MKV + "&autoplay&muted"));
      PlayerProbe p = waitFor(page, "player", x -> x.time() > 1.5 && x.counter() > 0, 20, "playback");
      assertNull(p.error(), p.toString());
      assertEquals(1, p.stat("ignoredTracks"), p.toString());
      assertEquals(0, p.stat("skippedUnits"), p.toString());
      assertEquals(p.time() * FPS, p.counter(), 6, "counter vs currentTime: " + p);
    }
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(url("src=/media/" + E2eMedia.AC3_MKV + "&autoplay&muted"));
      PlayerProbe p = waitFor(page, "player", x -> x.error() != null, 10, "an error");
      assertEquals(4, ((Number) p.error().get("code")).intValue(), p.toString());
      assertTrue(String.valueOf(p.error().get("message")).contains("A_AC3"), p.toString());
    }
  }

  /**
   * VP9 with an alpha channel, through each renderer, on a page that shows through the player: where the
   * picture is transparent the canvas is, half transparent where it is half, opaque elsewhere (before,
   * the alpha plane was left out and every pixel was opaque).
   */
  @ParameterizedTest
  @ValueSource(strings = {"2d", "webgl"})
  void drawsThePicturesAlphaChannel(String renderer) {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(url("src=/media/" + E2eMedia.ALPHA_WEBM + "&autoplay&muted&renderer=" + renderer));
      page.addStyleTag(new Page.AddStyleTagOptions().setContent("inlay-player { background: transparent; }"));
      PlayerProbe p = waitFor(page, "player", x -> x.time() > 0.5, 20, "playback");
      assertEquals(renderer, p.stats().get("renderer"), p.toString());
      @SuppressWarnings("unchecked")
      Map<String, List<Number>> alpha = (Map<String, List<Number>>) page.evaluate("() => {"
          + " const canvas = document.getElementById('player').shadowRoot.querySelector('canvas');"
          + " const c = document.createElement('canvas'); c.width = canvas.width; c.height = canvas.height;"
          + " const cx = c.getContext('2d'); cx.drawImage(canvas, 0, 0);"
          + " const px = (x, y) => Array.from(cx.getImageData(Math.floor(c.width * x), Math.floor(c.height * y), 1, 1).data);"
          + " return {left: px(0.25, 0.5), topRight: px(0.75, 0.25), bottomRight: px(0.75, 0.75)}; }");
      assertEquals(255, alpha.get("left").get(3).intValue(), alpha.toString());
      assertEquals(0, alpha.get("topRight").get(3).intValue(), alpha.toString());
      assertEquals(128, alpha.get("bottomRight").get(3).intValue(), 2, alpha.toString());
      assertNull(p.error(), p.toString());
    }
  }

  /** 4:2:2 and 4:4:4 pictures, as production tools make them, through each renderer. */
  @ParameterizedTest
  @ValueSource(strings = {"2d", "webgl"})
  void rendersOtherChromaLayouts(String renderer) {
    for (String file : List.of(E2eMedia.CHROMA_422_FLV, E2eMedia.CHROMA_444_FLV)) {
      try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
        page.navigate(url("src=/media/" + file + "&autoplay&muted&renderer=" + renderer));
        PlayerProbe first = waitFor(page, "player", p -> p.counter() > 10, 20, "playback of " + file);
        PlayerProbe later = waitFor(page, "player", p -> p.counter() > first.counter() + 15, 10, "the counter to advance");
        assertEquals(renderer, later.stats().get("renderer"), later.toString());
        assertTrue(later.cornersRight(), file + " through " + renderer + ": " + later);
        assertEquals(later.time() * FPS, later.counter(), 6, "counter vs currentTime: " + later);
        assertNull(later.error(), later.toString());
      }
    }
  }

  @Test
  void seeksToTheFrameAtTheTarget() {
    for (String file : List.of("h264-high-aac-360p.flv", "vp9-opus-360p.webm")) {
      try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
        page.navigate(url("src=/media/" + file + "&autoplay&muted"));
        waitFor(page, "player", p -> p.time() > 0.5, 20, "playback of " + file);
        page.evaluate("() => { const p = document.getElementById('player'); p.pause();"
            + " window.seeked = 0; p.addEventListener('seeked', () => window.seeked++); p.currentTime = 5; }");
        page.waitForFunction("() => window.seeked > 0");
        PlayerProbe p = waitFor(page, "player", x -> !x.stats().isEmpty(), 2, "probe");
        // The picture at 5 s, by ffprobe's reading of the file (its timeline may not start at 0).
        assertEquals(E2eMedia.counterAt(MEDIA.resolve(file), 5.0), p.counter(),
            "frame shown after seeking " + file + " to 5 s: " + p);
        assertEquals(5.0, p.time(), 0.05, p.toString());
        assertTrue(p.cornersRight(), p.toString());
        // Back to the start and play on from there.
        page.evaluate("() => { const p = document.getElementById('player'); p.currentTime = 1; p.play(); }");
        PlayerProbe q = waitFor(page, "player", x -> x.counter() > 35 && x.counter() < 120 && !x.paused(), 10,
            "playback after a seek back");
        assertTrue(q.time() >= 1, q.toString());
      }
    }
  }

  /** To the end: ended fires with paused set; with loop, playback starts over. */
  @Test
  void endsAndLoops() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.addInitScript("window.events = []; for (const n of ['ended', 'pause', 'seeked'])"
          + " window.addEventListener(n, e => { if (e.target.tagName === 'INLAY-PLAYER') window.events.push(n); }, true);");
      page.navigate(url("src=/media/h264-baseline-aac-360p.flv&autoplay&muted"));
      waitFor(page, "player", p -> p.time() > 0.5, 20, "playback");
      page.evaluate("() => { document.getElementById('player').currentTime = 8.5; }");
      PlayerProbe end = waitFor(page, "player", PlayerProbe::ended, 15, "the end");
      assertTrue(end.paused(), end.toString());
      assertTrue(end.time() > 9.8, end.toString());
      assertEquals(List.of("seeked", "pause", "ended"), page.evaluate("() => window.events"));
      page.evaluate("() => { const p = document.getElementById('player'); p.loop = true; p.play(); }");
      PlayerProbe again = waitFor(page, "player", p -> !p.paused() && p.counter() > 30 && p.time() < 5, 15,
          "playback from the start again");
      assertTrue(again.cornersRight(), again.toString());
      page.evaluate("() => { document.getElementById('player').currentTime = 9; }");
      PlayerProbe looped = waitFor(page, "player", p -> p.time() < 3 && p.counter() > 10 && !p.paused(), 15,
          "the loop back to the start");
      assertTrue(!looped.ended(), looped.toString());
    }
  }

  /**
   * Two-minute files: a seek far past what was downloaded reads from the index entry before the target with
   * a Range request (FLV keyframes index; WebM Cues fetched apart from the end of the file).
   */
  @Test
  void seeksFarAheadWithRangeRequests() throws Exception {
    for (String file : List.of(E2eMedia.LONG_FLV, E2eMedia.LONG_WEBM)) {
      try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
        page.navigate(url("src=/media/" + file + "&autoplay&muted"));
        waitFor(page, "player", p -> p.time() > 0.5, 20, "playback of " + file);
        page.evaluate("() => { const p = document.getElementById('player'); p.pause(); window.seeked = 0;"
            + " p.addEventListener('seeked', () => window.seeked++); p.currentTime = 95; }");
        page.waitForFunction("() => window.seeked > 0");
        PlayerProbe p = PlayerProbe.read(page, "player");
        assertEquals(E2eMedia.counterAt(MEDIA.resolve(file), 95.0), p.counter(), file + ": " + p);
        assertEquals(95.0, p.time(), 0.05, p.toString());
        assertTrue(p.stat("rangeSeeks") >= 1, "a Range request: " + p);
        long size = java.nio.file.Files.size(MEDIA.resolve(file));
        assertTrue(p.stat("bytesReceived") < size * 0.7, "not the whole file: " + p);
        page.evaluate("() => document.getElementById('player').play()");
        PlayerProbe later = waitFor(page, "player", x -> x.time() > 96.5, 10, "playback after the seek");
        assertTrue(later.cornersRight(), later.toString());
        // And back to before what the jump left in memory: another Range request, from an earlier keyframe.
        page.evaluate("() => { const p = document.getElementById('player'); p.pause(); window.seeked = 0;"
            + " p.currentTime = 25.5; }");
        page.waitForFunction("() => window.seeked > 0");
        PlayerProbe back = PlayerProbe.read(page, "player");
        assertEquals(E2eMedia.counterAt(MEDIA.resolve(file), 25.5), back.counter(), file + " back at 25.5 s: " + back);
        assertTrue(back.stat("rangeSeeks") >= 2, back.toString());
      }
    }
  }

  /**
   * A file whose sequence header changes at 60 s (baseline, then high profile): after a Range seek to 50 s
   * the download runs on past the change, and a Range seek back to 12.5 s, before anything still held,
   * decodes with the first sequence header, not the later one the demuxer read last (checked to fail so:
   * corrupt pictures and decode errors).
   */
  @Test
  void aRangeSeekBackBeforeASequenceHeaderChangeDecodesWithTheEarlierOne() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      openPaused(page, E2eMedia.SWITCH_FLV);
      seekAndWait(page, 50);
      page.waitForFunction("() => { const b = document.getElementById('player').buffered;"
          + " return b.length > 0 && b.end(b.length - 1) > 70; }", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
      seekAndWait(page, 12.5);
      PlayerProbe back = PlayerProbe.read(page, "player");
      assertTrue(back.stat("rangeSeeks") >= 2, "both seeks read with Range: " + back);
      assertEquals(E2eMedia.counterAt(MEDIA.resolve(E2eMedia.SWITCH_FLV), 12.5), back.counter(), back.toString());
      assertTrue(back.cornersRight(), back.toString());
      assertEquals(0, back.stat("decodeErrors"), back.toString());
      assertEquals(0, back.stat("corruptFrames"), back.toString());
    }
  }

  /**
   * FFmpeg 5.1 writes the FLV keyframes index with times up to 2 % early: the entry for the keyframe at
   * 10.032 s says 9.9 s. A Range seek to 10 s reads from it, finds its keyframe after the target, and reads
   * again from the entry before, so the picture shown is the one at 10 s (it showed the keyframe after it).
   */
  @Test
  void aKeyframeIndexThatRunsEarlyStillSeeksToTheFrameAtTheTarget() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      openPaused(page, E2eMedia.SWITCH_FLV);
      seekAndWait(page, 50);
      long before = (long) PlayerProbe.read(page, "player").stat("rangeSeeks");
      seekAndWait(page, 10);
      PlayerProbe p = PlayerProbe.read(page, "player");
      assertEquals(E2eMedia.counterAt(MEDIA.resolve(E2eMedia.SWITCH_FLV), 10), p.counter(), p.toString());
      assertEquals(before + 2, p.stat("rangeSeeks"), "the entry the index gives for 10 s, then the one before: " + p);
      assertTrue(p.cornersRight(), p.toString());
      assertEquals(0, p.stat("decodeErrors"), p.toString());
    }
  }

  /** Opens a file without autoplay and waits for its first picture. */
  private void openPaused(Page page, String file) {
    page.navigate(url("src=/media/" + file + "&muted"));
    waitFor(page, "player", p -> p.readyState() >= 2, 20, "the first picture of " + file);
  }

  /** Sets currentTime and waits for the seek to end. */
  private static void seekAndWait(Page page, double seconds) {
    page.evaluate("t => { const p = document.getElementById('player'); window.seekDone = false;"
        + " p.addEventListener('seeked', () => { window.seekDone = true; }, {once: true}); p.currentTime = t; }", seconds);
    page.waitForFunction("() => window.seekDone");
  }

  @Test
  void playsTheLiveDemoChannel() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(url("src=/live/demo.flv&autoplay&muted&controls"));
      PlayerProbe first = waitFor(page, "player", p -> p.counter() > 0 && p.time() > 0, 20, "live playback");
      assertTrue(Double.isInfinite(first.duration()) || Double.isNaN(first.duration()) == false && first.duration() > 1e9,
          "live duration: " + first);
      PlayerProbe later = waitFor(page, "player", p -> p.time() > first.time() + 2, 10, "live time to advance");
      assertTrue(later.cornersRight(), later.toString());
      assertTrue(later.stat("latencyMs") >= 0 && later.stat("latencyMs") < 3000, "live latency: " + later);
      assertNull(later.error(), later.toString());
    }
  }

  /**
   * A file whose container gives no duration (ffmpeg writing to a pipe) but whose response has a length plays
   * as a file, not as live: its duration comes with the end of the download, it seeks back, and it ends.
   */
  @Test
  void playsAFileWithNoDurationAsAFile() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(url("src=/media/" + E2eMedia.NO_DURATION_FLV + "&autoplay&muted"));
      PlayerProbe first = waitFor(page, "player", p -> p.time() > 1 && p.counter() > 0, 20, "playback");
      PlayerProbe known = waitFor(page, "player", p -> Double.isFinite(p.duration()), 10, "the duration");
      assertEquals(10, known.duration(), 0.2, known.toString());
      assertEquals(0, known.stat("reconnects"), known.toString());
      assertEquals(first.time() * FPS, first.counter(), 6, "counter vs currentTime: " + first);
      page.evaluate("() => { const p = document.getElementById('player'); p.pause(); window.seeked = 0;"
          + " p.addEventListener('seeked', () => window.seeked++); p.currentTime = 0.5; }");
      page.waitForFunction("() => window.seeked > 0");
      PlayerProbe back = PlayerProbe.read(page, "player");
      assertEquals(E2eMedia.counterAt(MEDIA.resolve(E2eMedia.NO_DURATION_FLV), 0.5), back.counter(), back.toString());
      page.evaluate("() => { const p = document.getElementById('player'); p.currentTime = 8.5; p.play(); }");
      PlayerProbe end = waitFor(page, "player", PlayerProbe::ended, 15, "the end");
      assertEquals(end.duration(), end.time(), 0.1, end.toString());
      assertNull(end.error(), end.toString());
    }
  }

  /**
   * Sound that begins a second after the pictures: the clock runs through that second with the pictures
   * instead of jumping to where the sound begins, and the sound joins in sync.
   */
  @Test
  void showsThePicturesBeforeTheSoundBegins() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.addInitScript("window.times = []; window.addEventListener('timeupdate', e => {"
          + " if (e.target.tagName === 'INLAY-PLAYER') window.times.push(e.target.currentTime); }, true);");
      page.navigate(url("src=/media/" + E2eMedia.AUDIO_LATE_FLV + "&autoplay"));
      PlayerProbe later = waitFor(page, "player", p -> p.time() > 2.5 && p.counter() > 0, 20, "playback");
      @SuppressWarnings("unchecked")
      List<Number> times = (List<Number>) page.evaluate("() => window.times");
      // timeupdate comes every 250 ms; a clock that jumped from the start to 1 s has none in between.
      assertTrue(times.stream().anyMatch(t -> t.doubleValue() > 0.3 && t.doubleValue() < 0.9),
          "the clock went through the first second: " + times);
      assertEquals(true, later.stats().get("audioRunning"), later.toString());
      assertTrue(Math.abs(later.stat("avOffsetMs")) <= 50, "A/V offset: " + later);
      assertEquals(later.time() * FPS, later.counter(), 6, "counter vs currentTime: " + later);
      assertNull(later.error(), later.toString());
    }
  }

  /** A live source that ends (here a file played as live) is a drop: the player connects again and plays on. */
  @Test
  void liveReconnectsAfterADrop() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(url("src=/media/h264-baseline-aac-360p.flv&autoplay&muted&live"));
      PlayerProbe dropped = waitFor(page, "player", p -> p.stat("reconnects") >= 1, 30, "a reconnect");
      PlayerProbe after = waitFor(page, "player",
          p -> p.stat("shownFrames") > dropped.stat("shownFrames") + 30 && p.counter() > 0, 30,
          "pictures after the reconnect");
      assertTrue(after.cornersRight(), after.toString());
      assertTrue(Double.isInfinite(after.duration()) || after.duration() > 1e9, after.toString());
      assertNull(after.error(), after.toString());
    }
  }

  /** A live source that refuses the reconnect (403, e.g. an expired signed URL) ends in a fatal error, not a loop. */
  @Test
  void liveRefusalIsNotRetried() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
      page.route("**/media/h264-baseline-aac-360p.flv*", route -> {
        if (requests.incrementAndGet() == 1) {
          route.resume();
        } else {
          route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(403).setBody("token expired"));
        }
      });
      page.navigate(url("src=/media/h264-baseline-aac-360p.flv&autoplay&muted&live"));
      PlayerProbe refused = waitFor(page, "player",
          p -> p.error() != null && Boolean.FALSE.equals(p.error().get("recoverable")), 40, "the refused reconnect");
      assertEquals(2, ((Number) refused.error().get("code")).intValue(), "MEDIA_ERR_NETWORK: " + refused);
      assertEquals(false, refused.error().get("recoverable"), refused.toString());
      assertTrue(String.valueOf(refused.error().get("message")).contains("403"), refused.toString());
      page.waitForTimeout(5000);
      assertEquals(2, requests.get(), "no request after the refusal");
    }
  }

  @Test
  void corruptStreamRaisesAnErrorAndPlaysOn() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      // error does not bubble: catch it on its way down, from before the page's first script runs.
      page.addInitScript("window.errors = []; window.addEventListener('error', e => {"
          + " if (e.target && e.target.tagName === 'INLAY-PLAYER') window.errors.push(e.target.error); }, true);");
      page.navigate(url("src=/media/" + E2eMedia.CORRUPT + "&autoplay&muted"));
      PlayerProbe end = waitFor(page, "player", p -> p.counter() > 200, 25, "playback past the corrupt part");
      assertTrue(end.cornersRight(), end.toString());
      Object errors = page.evaluate("() => window.errors.length");
      assertTrue(((Number) errors).intValue() > 0, "an error event for the corrupt part: " + end);
      assertEquals(3, ((Number) page.evaluate("() => window.errors[0].code")).intValue(), "MEDIA_ERR_DECODE");
      assertEquals(true, page.evaluate("() => window.errors[0].recoverable"), "playback goes on");
      assertTrue(end.stat("skippedUnits") + end.stat("corruptFrames") + end.stat("decodeErrors") > 0, end.toString());
    }
  }

  @Test
  void replacesADeadDecoderWorker() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(url("src=/media/h264-baseline-aac-360p.flv&autoplay&muted"));
      PlayerProbe before = waitFor(page, "player", p -> p.counter() > 30, 20, "playback");
      page.evaluate("() => document.getElementById('player')._killDecoderWorker()");
      PlayerProbe after = waitFor(page, "player", p -> p.counter() > before.counter() + 60, 15,
          "playback after the worker was replaced");
      assertNotNull(after.error(), "the dead worker is reported");
      assertEquals(true, after.error().get("recoverable"), after.toString());
    }
  }

  @Test
  void twoPlayersOnOnePage() {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(base() + "/play.html");
      page.evaluate("() => { for (const [id, src] of [['a', '/media/h264-baseline-aac-360p.flv'],"
          + " ['b', '/media/vp8-vorbis-360p.webm']]) { const p = document.createElement('inlay-player');"
          + " p.id = id; p.muted = true; p.autoplay = true; p.src = src; document.body.appendChild(p); } }");
      PlayerProbe a = waitFor(page, "a", p -> p.counter() > 30, 20, "player a");
      PlayerProbe b = waitFor(page, "b", p -> p.counter() > 30, 20, "player b");
      assertTrue(a.cornersRight() && b.cornersRight(), a + " / " + b);
      assertEquals("h264", a.stats().get("videoCodec"));
      assertEquals("vp8", b.stats().get("videoCodec"));
    }
  }

  /**
   * Eighteen players on one page, past Chromium's 16 live WebGL contexts: each still shows its picture (the
   * first ones hold their own context, the rest draw through the page's shared one), the decoder build is
   * downloaded once for all of them, and the first and the last play.
   */
  @Test
  void manyPlayersShareTheDecoderModuleAndOneContext() {
    int n = 18;
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      List<String> wasm = new java.util.concurrent.CopyOnWriteArrayList<>();
      context.onRequest(r -> {
        if (r.url().contains("/inlay/decoder") && r.url().endsWith(".wasm")) {
          wasm.add(r.url());
        }
      });
      PageLog log = new PageLog(context, page);
      page.navigate(base() + "/play.html");
      page.evaluate("() => document.getElementById('player').remove()");
      page.waitForTimeout(500);
      page.evaluate("(n) => { for (let i = 0; i < n; i++) { const p = document.createElement('inlay-player');"
          + " p.id = 'p' + i; p.muted = true; p.setAttribute('renderer', 'webgl'); p.style.width = '160px';"
          + " p.src = '/media/h264-baseline-aac-360p.flv'; document.body.appendChild(p); } }", n);
      for (int i = 0; i < n; i++) {
        try {
          waitFor(page, "p" + i, p -> p.readyState() >= 2, 30, "the first picture of player " + i);
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + log.summary(), e);
        }
      }
      int own = 0;
      int shared = 0;
      for (int i = 0; i < n; i++) {
        PlayerProbe p = PlayerProbe.read(page, "p" + i);
        assertTrue(p.cornersRight(), "player " + i + ": " + p);
        if (p.stat("downloadRetries") > 0) {
          // The player got over a download that hung (docs/api.md); said, so that its cause can be read.
          System.out.println("player " + i + " asked for its file again: " + p.stats() + log.summary());
        }
        String kind = String.valueOf(p.stats().get("renderer"));
        own += kind.equals("webgl") ? 1 : 0;
        shared += kind.equals("webgl-shared") ? 1 : 0;
      }
      assertTrue(own >= 1 && own <= 6 && own + shared == n, own + " own contexts, " + shared + " shared");
      assertEquals(1, wasm.size(), "decoder builds downloaded: " + wasm);
      page.evaluate("(last) => { document.getElementById('p0').play();"
          + " document.getElementById(last).play(); }", "p" + (n - 1));
      for (String id : new String[] {"p0", "p" + (n - 1)}) {
        PlayerProbe p = waitFor(page, id, q -> q.counter() > 30, 20, "playback of " + id);
        assertTrue(p.cornersRight(), id + ": " + p);
      }
    }
  }

  static Path media() {
    return MEDIA;
  }

  static void copy(Path from, Path to) {
    try {
      Files.copy(from, to);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
