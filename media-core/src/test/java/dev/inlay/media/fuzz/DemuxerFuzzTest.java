package dev.inlay.media.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlay.media.ParserException;
import dev.inlay.media.codec.Amf0;
import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.Demuxer;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.demux.flv.FlvDemuxer;
import dev.inlay.media.demux.webm.WebmDemuxer;
import dev.inlay.media.io.ByteReader;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;

/** Coverage-guided fuzzing of the demuxers and AMF0: only ParserException or a clean end may come out. */
class DemuxerFuzzTest {
  /** Swallows the output; checks nothing but that the demuxer returns. */
  private static final DemuxOutput SINK = new DemuxOutput() {
    @Override
    public TrackOutput track(TrackFormat format) {
      return new TrackOutput() {
        @Override
        public void format(TrackFormat f) {}

        @Override
        public void packet(Packet p) {}
      };
    }
  };

  private static void feed(Demuxer d, byte[] data) {
    try {
      // Two chunks at a data-dependent split, so that chunk boundaries are fuzzed too.
      int split = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
      d.feed(data, 0, split);
      d.feed(data, split, data.length - split);
      d.endOfStream();
    } catch (ParserException expected) {
      // bad input is data
    }
  }

  @FuzzTest(maxDuration = "15s")
  void flv(byte[] data) {
    byte[] withHeader = new byte[data.length + 13];
    System.arraycopy(new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0}, 0, withHeader, 0, 13);
    System.arraycopy(data, 0, withHeader, 13, data.length);
    feed(new FlvDemuxer(SINK), withHeader);
  }

  @FuzzTest(maxDuration = "15s")
  void webm(byte[] data) {
    feed(new WebmDemuxer(SINK), data);
  }

  @FuzzTest(maxDuration = "15s")
  void amf0(byte[] data) {
    ByteReader r = new ByteReader(data);
    try {
      while (r.remaining() > 0) {
        Amf0.read(r);
      }
    } catch (ParserException expected) {
      // bad input is data
    }
  }
}
