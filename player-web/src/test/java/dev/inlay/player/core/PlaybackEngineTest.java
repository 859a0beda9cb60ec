package dev.inlay.player.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import dev.inlay.player.api.MediaErrorCode;
import dev.inlay.player.api.PlayerError;
import dev.inlay.player.api.ReadyState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine with fake decoders, outputs and a fake clock: start, sync, seek, end, errors, live latency. */
class PlaybackEngineTest {
  static final long FRAME_US = 33_333;
  static final long AUDIO_US = 21_333;

  record Frame(double ptsUs, boolean corrupt) implements DecodedVideo {}

  record Block(double ptsUs, double durationUs) implements DecodedAudio {}

  record Sent(int slot, Packet packet, int epoch) {}

  double now;
  final ArrayDeque<Sent> sent = new ArrayDeque<>();
  final List<Integer> flushes = new ArrayList<>();
  final List<Integer> resets = new ArrayList<>();
  final List<Double> shown = new ArrayList<>();
  final List<Double> released = new ArrayList<>();
  final List<String> events = new ArrayList<>();
  final List<PlayerError> errors = new ArrayList<>();
  final List<String> videoCalls = new ArrayList<>();
  final FakeAudio audio = new FakeAudio();
  PlaybackEngine engine;
  TrackOutput video;
  TrackOutput sound;

  final class FakeAudio implements AudioOutput {
    double queuedUs;
    boolean running = true;
    boolean playing;
    double rate = 1;
    final List<Block> written = new ArrayList<>();

    @Override
    public void write(DecodedAudio block) {
      written.add((Block) block);
      queuedUs += block.durationUs();
    }

    @Override
    public double queuedUs() {
      return queuedUs;
    }

    @Override
    public void play() {
      playing = true;
    }

    @Override
    public void pause() {
      playing = false;
    }

    @Override
    public void clear() {
      queuedUs = 0;
    }

    @Override
    public void setRate(double r) {
      rate = r;
    }

    @Override
    public boolean running() {
      return running;
    }

    @Override
    public void discardBefore(double positionUs) {}
  }

  PlaybackEngine engine(boolean live) {
    engine = new PlaybackEngine(() -> now, new DecoderPort() {
      @Override
      public void configure(int slot, TrackFormat format) {
        if (slot == PlaybackEngine.VIDEO) {
          videoCalls.add("configure " + format.width());
        }
      }

      @Override
      public void decode(int slot, Packet packet, int epoch, int skipStart, int skipEnd) {
        sent.add(new Sent(slot, packet, epoch));
        if (slot == PlaybackEngine.VIDEO) {
          videoCalls.add("decode " + packet.ptsUs() / FRAME_US);
        }
      }

      @Override
      public void flush(int slot, int epoch) {
        flushes.add(slot);
        engine.onFlushed(slot, epoch);
      }

      @Override
      public void reset(int slot) {
        resets.add(slot);
      }
    }, new VideoOutput() {
      @Override
      public void show(DecodedVideo frame) {
        shown.add(frame.ptsUs());
      }

      @Override
      public void release(DecodedVideo frame) {
        released.add(frame.ptsUs());
      }
    }, audio, new PlayerEvents() {
      @Override
      public void event(String name) {
        events.add(name);
      }

      @Override
      public void error(PlayerError error) {
        errors.add(error);
      }
    }, new PlaybackEngine.Settings(live, 1000, 3000, 64 << 20));
    video = engine.track(TrackFormat.video(0, Codec.H264, new byte[] {1}, 640, 360));
    sound = engine.track(TrackFormat.audio(1, Codec.AAC, new byte[] {2}, 48000, 2));
    return engine;
  }

  static Packet packet(long ptsUs, boolean key) {
    return new Packet(0, ptsUs, ptsUs, 0, key, new byte[16], 0, -1, false);
  }

  /** Feeds seconds of video (30 fps, a keyframe each second) and audio from startUs. */
  void feed(long startUs, double seconds) {
    int frames = (int) Math.round(seconds * 30);
    long audioUs = startUs;
    for (int i = 0; i < frames; i++) {
      long pts = startUs + i * FRAME_US;
      while (audioUs <= pts) {
        sound.packet(packet(audioUs, true));
        audioUs += AUDIO_US;
      }
      video.packet(packet(pts, Math.round((pts - startUs) / (double) FRAME_US) % 30 == 0));
    }
  }

  /** The worker: answers every sent packet with a frame or a block, in order, until nothing is pending. */
  void decodeAll() {
    while (!sent.isEmpty()) {
      Sent s = sent.poll();
      if (s.slot() == PlaybackEngine.VIDEO) {
        engine.onVideoFrame(new Frame(s.packet().ptsUs(), false), s.epoch());
      } else {
        engine.onAudio(new Block(s.packet().ptsUs(), AUDIO_US), s.epoch());
      }
      engine.onDecodeDone(s.slot(), s.epoch(), 1);
    }
  }

  /** Lets time pass in display refreshes, the audio device playing in real time. */
  void run(double ms) {
    for (double t = 0; t < ms; t += 16) {
      now += 16;
      if (audio.playing && audio.running) {
        audio.queuedUs = Math.max(0, audio.queuedUs - 16_000);
      }
      decodeAll();
      engine.tick();
    }
  }

  /**
   * A new configuration (a sequence header midway: new size, new profile, a second file joined on) reaches
   * the decoder after the packets that came before it, which need the old one, however many still wait.
   */
  @Test
  void aNewConfigurationFollowsThePacketsBeforeIt() {
    engine(false);
    engine.metadata(Map.of("duration", 10.0));
    for (int i = 0; i < 30; i++) {
      video.packet(packet(i * FRAME_US, i == 0));
    }
    video.format(TrackFormat.video(0, Codec.H264, new byte[] {9}, 320, 180));
    for (int i = 30; i < 40; i++) {
      video.packet(packet(i * FRAME_US, i == 30));
    }
    for (long a = 0; a < 40 * FRAME_US; a += AUDIO_US) {
      sound.packet(packet(a, true));
    }
    engine.endOfStream();
    engine.play();
    run(2000);
    List<String> expected = new ArrayList<>(List.of("configure 640"));
    for (int i = 0; i < 40; i++) {
      if (i == 30) {
        expected.add("configure 320");
      }
      expected.add("decode " + i);
    }
    assertEquals(expected, videoCalls);

    // A seek back before the change: the stored packets go to a decoder configured as they need.
    videoCalls.clear();
    engine.seek(20 * FRAME_US);
    engine.play();
    run(2000);
    assertEquals("configure 640", videoCalls.get(0), videoCalls.toString());
    assertEquals("decode 0", videoCalls.get(1), "from the keyframe before the target: " + videoCalls);
    int change = videoCalls.indexOf("configure 320");
    assertEquals("decode 29", videoCalls.get(change - 1), videoCalls.toString());
    assertEquals("decode 30", videoCalls.get(change + 1), videoCalls.toString());
  }

  @Test
  void showsTheFirstFrameAtOnceAndPlaysInOrder() {
    engine(false);
    engine.metadata(Map.of("duration", 10.0));
    feed(0, 10);
    assertTrue(sent.size() <= 6, "a bounded number of packets in flight: " + sent.size());
    decodeAll();
    assertEquals(List.of(0.0), shown, "the first picture before play()");
    assertEquals(ReadyState.HAVE_ENOUGH_DATA, engine.readyState());
    assertTrue(events.containsAll(List.of("loadedmetadata", "loadeddata", "canplay")), events.toString());
    assertEquals(10_000_000, engine.durationUs());

    engine.play();
    run(1000);
    assertTrue(events.contains("playing"), events.toString());
    assertEquals(1.0, engine.currentTimeUs() / 1e6, 0.05);
    double last = shown.get(shown.size() - 1);
    assertEquals(engine.currentTimeUs(), last, FRAME_US + 1, "the picture shown belongs to the clock");
    for (int i = 1; i < shown.size(); i++) {
      assertTrue(shown.get(i) > shown.get(i - 1), "pictures in order");
    }
    assertEquals(0, engine.stats().droppedFrames);
  }

  @Test
  void dropsLateFramesInsteadOfFallingBehind() {
    engine(false);
    feed(0, 5);
    decodeAll();
    engine.play();
    run(100);
    now += 500; // the page was busy for half a second
    audio.queuedUs = Math.max(0, audio.queuedUs - 500_000);
    run(100);
    assertTrue(engine.stats().droppedFrames > 0);
    assertEquals(engine.currentTimeUs(), shown.get(shown.size() - 1), FRAME_US + 1);
  }

  @Test
  void followsTheAudioClock() {
    engine(false);
    feed(0, 5);
    decodeAll();
    engine.play();
    run(500);
    // The sound device reports that it is 80 ms behind the wall clock: pictures follow the sound.
    double before = engine.currentTimeUs();
    engine.onAudiblePosition(before - 80_000, now);
    assertEquals(before - 40_000, engine.currentTimeUs(), 1_000, "half of the difference at once");
    now += 20;
    engine.onAudiblePosition(before - 60_000, now);
    assertEquals(before - 40_000, engine.currentTimeUs(), 1_000, "and half of the rest at the next report");
  }

  @Test
  void soundThatRanOutDoesNotHoldTheClock() {
    engine(false);
    feed(0, 5);
    decodeAll();
    engine.play();
    run(500);
    double audibleEnd = engine.currentTimeUs();
    for (int i = 0; i < 20; i++) {
      engine.onAudiblePosition(audibleEnd, now); // the same time, again and again: the queue is dry
      run(16);
    }
    assertTrue(engine.currentTimeUs() > audibleEnd + 250_000, "the clock went on: " + engine.currentTimeUs());
  }

  /** A file with no duration in its container (written to a pipe): known once the download ends. */
  @Test
  void learnsTheDurationOfAFileAtTheEndOfItsDownload() {
    engine(false);
    feed(0, 4);
    decodeAll();
    assertTrue(Double.isNaN(engine.durationUs()), "unknown while loading: " + engine.durationUs());
    events.clear();
    engine.endOfStream();
    assertEquals(119 * FRAME_US, engine.durationUs(), 1, "to the last packet");
    assertTrue(events.contains("durationchange"), events.toString());
    engine.play();
    run(5000);
    assertTrue(engine.ended());
    assertEquals(engine.currentTimeUs(), engine.durationUs(), 1);
    assertTrue(engine.durationUs() >= 119 * FRAME_US);
  }

  /**
   * Audio that begins a second after the video: the sound's anchor is where the pictures start, so the
   * output puts a second of silence before it; then the clock, and a seek's target while seeking.
   */
  @Test
  void anchorsTheSoundWhereThePicturesStart() {
    engine(false);
    assertTrue(Double.isNaN(engine.soundAnchorUs()), "nothing to line up with yet");
    video.packet(packet(0, true));
    sound.packet(packet(1_000_000, true));
    decodeAll();
    assertEquals(0, engine.soundAnchorUs(), 0, "the first picture, shown at once");
    for (int i = 1; i < 60; i++) {
      long pts = i * FRAME_US;
      if (pts > 1_000_000) {
        sound.packet(packet(pts, true));
      }
      video.packet(packet(pts, i % 30 == 0));
    }
    decodeAll();
    assertEquals(FRAME_US, engine.soundAnchorUs(), 1, "the frame after the first picture, where the clock will start");
    engine.play();
    run(500);
    assertEquals(engine.currentTimeUs(), engine.soundAnchorUs(), 20_000);
    assertTrue(engine.currentTimeUs() < 700_000, "the clock runs from the pictures: " + engine.currentTimeUs());
    engine.seek(1_500_000);
    assertEquals(1_500_000, engine.soundAnchorUs(), 0);
  }

  @Test
  void playsOnTheWallClockWhileTheBrowserHoldsTheSound() {
    engine(false);
    audio.running = false;
    feed(0, 5);
    decodeAll();
    engine.play();
    run(1000);
    assertEquals(1.0, engine.currentTimeUs() / 1e6, 0.05);
  }

  @Test
  void seeksToTheFrameAtTheTarget() {
    engine(false);
    engine.metadata(Map.of("duration", 10.0));
    feed(0, 10);
    engine.endOfStream();
    decodeAll();
    engine.play();
    run(300);
    shown.clear();
    events.clear();
    engine.pause();
    audio.written.clear();
    engine.seek(5_510_000);
    assertTrue(engine.seeking());
    assertTrue(resets.contains(PlaybackEngine.VIDEO));
    Packet first = sent.peek().packet();
    assertEquals(5 * 30 * FRAME_US, first.ptsUs(), 1, "decoding starts at the keyframe at or before 5 s");
    decodeAll();
    assertFalse(engine.seeking());
    assertEquals(1, shown.size(), shown.toString());
    assertEquals(165 * FRAME_US, shown.get(0), 1, "the frame at 5.5 s (the last one starting at or before it)");
    assertTrue(events.containsAll(List.of("seeking", "seeked")), events.toString());
    assertEquals(5_510_000, engine.currentTimeUs(), 1);
    assertTrue(released.contains((double) (164 * FRAME_US)), "frames before the target are decoded but not shown");
    assertTrue(audio.written.stream().allMatch(b -> b.ptsUs() + b.durationUs() > 5_000_000));
  }

  @Test
  void farSeeksAskTheSourceAndNearOnesUseWhatWasReceived() {
    engine(false);
    List<Double> asked = new ArrayList<>();
    engine.setSourceControl(t -> {
      asked.add(t);
      return 1000;
    });
    engine.metadata(Map.of("duration", 120.0));
    feed(40_000, 20); // received from 40 ms to 20 s, the download goes on
    decodeAll();
    engine.seek(0); // before the first packet, but the store holds the start: no new request
    decodeAll();
    engine.seek(25_000_000); // a little past what arrived: wait for the download
    assertEquals(List.of(), asked);
    engine.seek(90_000_000); // far: read again from there
    assertEquals(List.of(90_000_000.0), asked);
    assertTrue(engine.seeking());
    feed(88_000_000, 4); // what the Range request brings, from the keyframe before the target
    decodeAll();
    assertFalse(engine.seeking());
    assertEquals(90_000_000, engine.currentTimeUs(), 1);
    assertEquals(1, engine.stats().rangeSeeks);
  }

  /**
   * A far seek back to before a sequence header that came midway (an encoder restarted with a new size):
   * the demuxer reads on from the index entry with the latest configuration it knows, so the engine
   * configures the decoder with the one in force at that byte position, and the later one again when the
   * demuxer reaches it.
   */
  @Test
  void aFarSeekBackBeforeAConfigurationChangeConfiguresTheOneInForceThere() {
    engine(false);
    engine.setSourceControl(t -> 100_000 + Math.round(t / FRAME_US) * 1000); // byte position of the entry
    engine.metadata(Map.of("duration", 120.0));
    engine.play();
    for (int i = 0; i < 60; i++) { // 640x360 up to 2 s, then 320x180, a position of 1000 bytes a frame
      if (i == 30) {
        video.format(TrackFormat.video(0, Codec.H264, new byte[] {9}, 320, 180));
      }
      video.packet(new Packet(0, i * FRAME_US, i * FRAME_US, 0, i % 30 == 0, new byte[16], 0, 100_000 + i * 1000L, false));
    }
    decodeAll();
    engine.seek(90_000_000); // far ahead, past the change: read from there, and nothing before is kept
    for (int i = 2640; i < 2760; i++) {
      video.packet(new Packet(0, i * FRAME_US, i * FRAME_US, 0, i % 30 == 0, new byte[16], 0, 100_000 + i * 1000L, false));
    }
    decodeAll();
    assertFalse(engine.seeking());
    videoCalls.clear();
    engine.seek(FRAME_US); // far back: the source reads again from the entry at the start
    assertEquals(2, engine.stats().rangeSeeks);
    assertEquals(List.of("configure 640"), videoCalls, "the format in force at the entry's position");
    for (int i = 0; i < 40; i++) { // what the Range request brings; the demuxer announces the change again
      if (i == 30) {
        video.format(TrackFormat.video(0, Codec.H264, new byte[] {9}, 320, 180));
      }
      video.packet(new Packet(0, i * FRAME_US, i * FRAME_US, 0, i % 30 == 0, new byte[16], 0, 100_000 + i * 1000L, false));
    }
    for (long a = 0; a < 40 * FRAME_US; a += AUDIO_US) {
      sound.packet(packet(a, true));
    }
    engine.endOfStream();
    engine.play();
    run(3000);
    int change = videoCalls.indexOf("configure 320");
    assertTrue(change > 0, videoCalls.toString());
    assertEquals("decode 29", videoCalls.get(change - 1), videoCalls.toString());
    assertEquals("decode 30", videoCalls.get(change + 1), videoCalls.toString());
  }

  /**
   * An index that puts keyframes early (FFmpeg 5.1's FLV keyframe times run up to 2 % short): the keyframe
   * read from the entry the index gave comes after the seek target, so the read starts again from the entry
   * before it, and the picture at the target is shown, not the later keyframe.
   */
  @Test
  void aKeyframeLaterThanTheIndexSaidReadsFromTheEntryBefore() {
    engine(false);
    long[] entryUs = {0, 2_023_000, 4_023_000, 6_023_000}; // where the keyframes really are, 1 byte a µs
    List<Long> reads = new ArrayList<>();
    engine.setSourceControl(new SourceControl() {
      @Override
      public long reposition(double timeUs) {
        // the index's times are 2 % short: the entry for 4.023 s says 3.94 s
        int i = 0;
        while (i + 1 < entryUs.length && entryUs[i + 1] * 0.98 <= timeUs) {
          i++;
        }
        reads.add(entryUs[i]);
        return entryUs[i];
      }

      @Override
      public long repositionEarlier(long position, double timeUs) {
        int i = java.util.Arrays.binarySearch(entryUs, position);
        reads.add(entryUs[Math.max(0, i - 1)]);
        return entryUs[Math.max(0, i - 1)];
      }
    });
    engine.metadata(Map.of("duration", 120.0));
    feed(0, 1);
    decodeAll();
    engine.seek(100_000_000);
    engine.seek(4_000_000); // far back: the index gives the entry of the keyframe at 4.023 s
    assertEquals(List.of(4_023_000L), reads.subList(1, reads.size()));
    for (int i = 0; i < 30; i++) { // what that read brings, the keyframe at its position first
      long pts = 4_023_000 + i * FRAME_US;
      video.packet(new Packet(0, pts, pts, 0, i == 0, new byte[16], 0, pts, false));
    }
    engine.afterFeed();
    assertEquals(List.of(4_023_000L, 2_023_000L), reads.subList(1, reads.size()), "read again from the entry before");
    assertTrue(engine.seeking());
    for (int i = 0; i < 90; i++) {
      long pts = 2_023_000 + i * FRAME_US;
      video.packet(new Packet(0, pts, pts, 0, i == 0 || i == 60, new byte[16], 0, pts, false));
      sound.packet(packet(pts, true));
    }
    engine.afterFeed();
    decodeAll();
    assertFalse(engine.seeking());
    assertEquals(3, reads.size(), "no further read: " + reads);
    double shownAt = shown.get(shown.size() - 1);
    assertTrue(shownAt <= 4_000_000 && shownAt > 4_000_000 - FRAME_US, "the picture at the target: " + shownAt);
  }

  /**
   * A recording that kept a live stream's times: onMetaData says 120 s, the tags start at 3,600 s. The
   * timeline starts at 0 (currentTime within the duration, as a seek bar expects), and a Range seek asks
   * the source for its own time. A file whose first packet is within its duration keeps its times.
   */
  @Test
  void aFileThatStartsPastItsDurationPlaysFromZero() {
    engine(false);
    List<Double> asked = new ArrayList<>();
    engine.setSourceControl(t -> {
      asked.add(t);
      return 0;
    });
    engine.metadata(Map.of("duration", 120.0));
    feed(3_600_000_000L, 3);
    decodeAll();
    assertEquals(List.of(0.0), shown, "the first picture at 0");
    engine.play();
    run(1000);
    assertEquals(1.0, engine.currentTimeUs() / 1e6, 0.05);
    assertEquals(120_000_000, engine.durationUs());
    engine.seek(60_000_000); // far past what arrived: read from the index
    assertEquals(List.of(3_660_000_000.0), asked, "the source's own time");

    shown.clear();
    engine(false);
    engine.metadata(Map.of("duration", 10.0));
    feed(67_000, 1);
    decodeAll();
    assertEquals(List.of(67_000.0), shown, "a file within its duration keeps its times");
  }

  @Test
  void endsAfterTheLastFrame() {
    engine(false);
    feed(0, 1);
    engine.endOfStream();
    decodeAll();
    engine.play();
    run(1500);
    assertTrue(engine.ended(), events.toString());
    assertTrue(engine.paused());
    assertTrue(events.indexOf("pause") < events.indexOf("ended"));
    assertTrue(flushes.containsAll(List.of(PlaybackEngine.VIDEO, PlaybackEngine.AUDIO)), flushes.toString());
  }

  @Test
  void waitsWhenDataRunsOutAndResumes() {
    engine(true);
    feed(0, 1);
    decodeAll();
    engine.play();
    run(1500);
    assertTrue(events.contains("waiting"), events.toString());
    events.clear();
    feed(1_000_000, 1);
    run(200);
    assertTrue(events.contains("playing"), events.toString());
  }

  @Test
  void skipsToTheNextKeyframeAfterDamage() {
    engine(false);
    video.packet(packet(0, true));
    decodeAll();
    engine.skipped("garbage");
    assertEquals(1, errors.size());
    assertEquals(MediaErrorCode.DECODE, errors.get(0).code());
    assertTrue(errors.get(0).recoverable());
    sent.clear();
    video.packet(packet(20 * FRAME_US, false));
    video.packet(packet(30 * FRAME_US, true));
    assertEquals(30 * FRAME_US, sent.stream().filter(s -> s.slot() == 0).findFirst().orElseThrow().packet().ptsUs());
    engine.skipped("more garbage");
    assertEquals(1, errors.size(), "damage is reported at most once a second");
  }

  /** A track left out (subtitles, a codec not decoded) is no error and costs the video no keyframe. */
  @Test
  void aTrackLeftOutIsNotAnError() {
    engine(false);
    video.packet(packet(0, true));
    decodeAll();
    engine.ignored("Matroska track with codec 'S_TEXT/UTF8' is not supported");
    engine.ignored("Matroska track with codec 'S_TEXT/UTF8' is not supported"); // a new demuxer after a seek
    assertTrue(errors.isEmpty(), errors.toString());
    assertEquals(1, engine.stats().ignoredTracks);
    assertEquals("Matroska track with codec 'S_TEXT/UTF8' is not supported", engine.firstIgnored());
    sent.clear();
    video.packet(packet(FRAME_US, false));
    assertEquals(1, sent.size(), "the next picture is decoded");
  }

  @Test
  void liveCatchesUpAndJumpsWhenFarBehind() {
    engine(true);
    feed(0, 2);
    decodeAll();
    engine.play();
    run(100);
    // Two more seconds arrive at once: 2 s behind a 1 s target, so it plays faster.
    feed(2_000_000, 2);
    run(100);
    assertTrue(audio.rate > 1, "catch-up rate " + audio.rate);
    // Ten more seconds at once: far behind, it jumps to the newest keyframe.
    feed(4_000_000, 10);
    run(100);
    assertEquals(1, engine.stats().jumps);
    assertTrue(engine.currentTimeUs() >= 13_000_000, "after the jump: " + engine.currentTimeUs());
  }

  @Test
  void restartingDecodersGoesOnFromTheNextKeyframe() {
    engine(false);
    feed(0, 0.2);
    decodeAll();
    engine.restartDecoders();
    sent.clear();
    video.packet(packet(7 * FRAME_US, false));
    assertTrue(sent.stream().noneMatch(s -> s.slot() == 0));
    video.packet(packet(30 * FRAME_US, true));
    assertEquals(1, sent.stream().filter(s -> s.slot() == 0).count());
  }

  /** A decoder build replaced before the first picture (the player switched builds): nothing is lost. */
  @Test
  void restartingBeforeTheFirstPictureDecodesAgainFromTheStore() {
    engine(false);
    feed(0, 0.2);
    assertTrue(shown.isEmpty());
    sent.clear(); // what the first build was given is lost with it
    engine.restartDecoders();
    assertEquals(0.0, sent.stream().filter(s -> s.slot() == 0).findFirst().orElseThrow().packet().ptsUs(),
        "video again from the first keyframe");
    assertTrue(sent.stream().anyMatch(s -> s.slot() == 1 && s.packet().ptsUs() == 0), "audio again from the start");
    decodeAll();
    assertEquals(List.of(0.0), shown, "the first picture");
    assertTrue(errors.isEmpty(), errors.toString());
  }
}
