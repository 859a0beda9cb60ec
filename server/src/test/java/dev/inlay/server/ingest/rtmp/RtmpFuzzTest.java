package dev.inlay.server.ingest.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlay.media.codec.Amf0Writer;
import dev.inlay.server.live.LiveChannels;
import dev.inlay.server.live.LiveProperties;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Coverage-guided fuzzing of the RTMP side: the chunk stream, control messages, AMF0 commands and the
 * media that follow a publish. Only RtmpException or a clean return may come out.
 */
class RtmpFuzzTest {
  /** A valid opening: handshake, connect, createStream and publish, so the fuzzer starts inside a session. */
  private static final byte[] OPENING = opening();

  private static byte[] opening() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] c0c1 = new byte[1537];
    c0c1[0] = 3;
    out.writeBytes(c0c1);
    out.writeBytes(new byte[1536]);
    ChunkWriter w = new ChunkWriter();
    out.writeBytes(w.write(3, new RtmpMessage(RtmpMessage.COMMAND_AMF0, 0, 0, new Amf0Writer().value("connect")
        .value(1.0).object(Map.of("app", "live")).toByteArray())));
    out.writeBytes(w.write(3, new RtmpMessage(RtmpMessage.COMMAND_AMF0, 0, 0, new Amf0Writer().value("createStream")
        .value(2.0).value(null).toByteArray())));
    out.writeBytes(w.write(3, new RtmpMessage(RtmpMessage.COMMAND_AMF0, 1, 0, new Amf0Writer().value("publish")
        .value(3.0).value(null).value("fuzz").value("live").toByteArray())));
    return out.toByteArray();
  }

  @FuzzTest(maxDuration = "15s")
  void session(byte[] data) {
    LiveChannels channels = new LiveChannels(new LiveProperties(64, Duration.ofSeconds(30), org.springframework.util.unit.DataSize.ofKilobytes(512), Duration.ofSeconds(1), true, false,
        new LiveProperties.Demo(false, "demo", "none.flv")), List.of());
    RtmpConnection c = new RtmpConnection(new NullTransport(),
        (app, stream, key, remote) -> Mono.justOrEmpty(channels.startPublishing(app, stream, "rtmp", "fuzz")),
        1 << 16, 1 << 20);
    try {
      c.receive(OPENING);
      int split = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
      c.receive(java.util.Arrays.copyOfRange(data, 0, split));
      c.receive(java.util.Arrays.copyOfRange(data, split, data.length));
    } catch (RtmpException expected) {
      // the connection would be closed
    } finally {
      c.closed();
      channels.destroy();
    }
  }
}
