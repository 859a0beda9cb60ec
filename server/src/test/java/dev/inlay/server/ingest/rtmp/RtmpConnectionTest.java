package dev.inlay.server.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.codec.Amf0;
import dev.inlay.media.codec.Amf0Writer;
import dev.inlay.media.io.ByteReader;
import dev.inlay.server.ingest.IngestRefused;
import dev.inlay.server.live.LiveChannels;
import dev.inlay.server.live.LiveProperties;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A publisher's session against the protocol logic alone: handshake, commands, media, refusals, abuse. */
class RtmpConnectionTest {
  final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
  boolean closed;
  final List<String> asked = new ArrayList<>();
  final LiveChannels channels = new LiveChannels(new LiveProperties(512, Duration.ofSeconds(30), org.springframework.util.unit.DataSize.ofKilobytes(512), Duration.ofSeconds(1), false, false,
      new LiveProperties.Demo(false, "demo", "none.flv")), List.of());
  boolean refuse;

  final RtmpConnection connection = new RtmpConnection(new RtmpConnection.Transport() {
    @Override
    public void send(byte[] bytes) {
      fromServer.writeBytes(bytes);
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public InetSocketAddress remote() {
      return new InetSocketAddress("127.0.0.1", 5555);
    }
  }, (app, stream, key, remote) -> {
    asked.add(app + "/" + stream + " key=" + key);
    if (refuse) {
      return Mono.error(new IngestRefused(IngestRefused.Reason.UNAUTHORIZED, "a stream key is needed"));
    }
    return Mono.justOrEmpty(channels.startPublishing(app, stream, "rtmp", "test"));
  }, 1 << 20, 1 << 24);

  final ChunkWriter writer = new ChunkWriter();
  final ChunkReader replies = new ChunkReader(1 << 20, 1 << 24, 64);
  int consumed;

  void handshake() throws RtmpException {
    byte[] c0c1 = new byte[1 + 1536];
    c0c1[0] = 3;
    connection.receive(c0c1);
    byte[] s = fromServer.toByteArray();
    assertEquals(1 + 1536 * 2, s.length);
    assertEquals(3, s[0]);
    assertEquals(0, s[5] | s[6] | s[7] | s[8], "S1 version zero: the simple handshake");
    connection.receive(new byte[1536]);
    consumed = s.length;
  }

  void command(int streamId, Object... values) throws RtmpException {
    Amf0Writer w = new Amf0Writer();
    for (Object v : values) {
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, ?> obj = (Map<String, ?>) m;
        w.object(obj);
      } else {
        w.value(v);
      }
    }
    connection.receive(writer.write(3, new RtmpMessage(RtmpMessage.COMMAND_AMF0, streamId, 0, w.toByteArray())));
  }

  /** The server's messages since the last call, decoded. */
  List<RtmpMessage> replies() throws RtmpException {
    byte[] all = fromServer.toByteArray();
    List<RtmpMessage> out = new ArrayList<>();
    replies.feed(all, consumed, all.length - consumed, m -> {
      out.add(m);
      if (m.type() == RtmpMessage.SET_CHUNK_SIZE) {
        try {
          replies.setChunkSize(new ByteReader(m.payload()).u32());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    });
    consumed = all.length;
    return out;
  }

  static List<Object> amf(RtmpMessage m) throws Exception {
    ByteReader r = new ByteReader(m.payload());
    List<Object> v = new ArrayList<>();
    while (r.remaining() > 0) {
      v.add(Amf0.read(r));
    }
    return v;
  }

  void connectAndCreateStream() throws Exception {
    handshake();
    command(0, "connect", 1.0, Map.of("app", "live", "tcUrl", "rtmp://127.0.0.1/live"));
    List<RtmpMessage> r = replies();
    assertEquals(List.of(RtmpMessage.WINDOW_ACK_SIZE, RtmpMessage.SET_PEER_BANDWIDTH, RtmpMessage.SET_CHUNK_SIZE,
        RtmpMessage.COMMAND_AMF0), r.stream().map(RtmpMessage::type).toList());
    List<Object> result = amf(r.get(3));
    assertEquals("_result", result.get(0));
    assertEquals("NetConnection.Connect.Success", ((Map<?, ?>) result.get(3)).get("code"));
    command(0, "releaseStream", 2.0, null, "cam");
    command(0, "FCPublish", 3.0, null, "cam");
    command(0, "createStream", 4.0, null);
    List<RtmpMessage> created = replies();
    assertEquals(1.0, amf(created.get(created.size() - 1)).get(3));
  }

  /**
   * A publisher that asks in enhanced RTMP's terms (FFmpeg with -rtmp_enhanced_codecs, OBS) hears what the
   * server takes: every codec forwarded, multitrack, ModEx and nanosecond offsets; a legacy one hears
   * nothing new.
   */
  @Test
  void answersEnhancedCapabilitiesWhenAsked() throws Exception {
    handshake();
    command(0, "connect", 1.0, Map.of("app", "live", "fourCcList", List.of("hvc1", "av01"), "capsEx", 2.0));
    List<RtmpMessage> r = replies();
    Map<?, ?> props = (Map<?, ?>) amf(r.get(r.size() - 1)).get(2);
    assertEquals(List.of("av01", "vp09", "hvc1", "avc1"), props.get("fourCcList"));
    assertEquals(Map.of("*", 4.0), props.get("videoFourCcInfoMap"));
    assertEquals(Map.of("*", 4.0), props.get("audioFourCcInfoMap"));
    assertEquals(14.0, props.get("capsEx"));
    RtmpConnectionTest legacy = new RtmpConnectionTest();
    legacy.handshake();
    legacy.command(0, "connect", 1.0, Map.of("app", "live"));
    List<RtmpMessage> lr = legacy.replies();
    assertEquals(Map.of("fmsVer", "FMS/3,0,1,123", "capabilities", 31.0), amf(lr.get(lr.size() - 1)).get(2));
  }

  @Test
  void publishesAndPassesMediaOn() throws Exception {
    connectAndCreateStream();
    command(1, "publish", 5.0, null, "cam?key=abc", "live");
    List<RtmpMessage> r = replies();
    RtmpMessage status = r.get(r.size() - 1);
    assertEquals("NetStream.Publish.Start", ((Map<?, ?>) amf(status).get(3)).get("code"));
    assertEquals(List.of("live/cam key=abc"), asked);
    byte[] meta = new Amf0Writer().value("@setDataFrame").value("onMetaData").value(Map.of("width", 640.0)).toByteArray();
    connection.receive(writer.write(4, new RtmpMessage(RtmpMessage.DATA_AMF0, 1, 0, meta)));
    byte[] keyframe = {0x17, 1, 0, 0, 0, 0, 0, 0, 1, 0x65};
    connection.receive(writer.write(6, new RtmpMessage(RtmpMessage.VIDEO, 1, 40, keyframe)));
    assertEquals(2, channels.publication("live/cam").orElseThrow().publisher().tags());
    command(1, "deleteStream", 6.0, null, 1.0);
    assertTrue(channels.publication("live/cam").isEmpty());
  }

  @Test
  void aSecondPublisherIsRefused() throws Exception {
    channels.startPublishing("live", "cam", "rtmp", "someone else");
    connectAndCreateStream();
    command(1, "publish", 5.0, null, "cam", "live");
    List<RtmpMessage> r = replies();
    Map<?, ?> info = (Map<?, ?>) amf(r.get(r.size() - 1)).get(3);
    assertEquals("error", info.get("level"));
    assertEquals("NetStream.Publish.BadName", info.get("code"));
    assertTrue(closed);
  }

  @Test
  void refusalsAreClearToTheClient() throws Exception {
    refuse = true;
    connectAndCreateStream();
    command(1, "publish", 5.0, null, "cam", "live");
    List<RtmpMessage> r = replies();
    Map<?, ?> info = (Map<?, ?>) amf(r.get(r.size() - 1)).get(3);
    assertEquals("NetStream.Publish.Unauthorized", info.get("code"));
    assertEquals("a stream key is needed", info.get("description"));
    assertTrue(closed);
  }

  @Test
  void oversizeChunkSizeAndWrongVersionEndTheConnection() throws Exception {
    connectAndCreateStream();
    byte[] huge = {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    assertThrows(RtmpException.class, () -> connection.receive(
        writer.write(2, new RtmpMessage(RtmpMessage.SET_CHUNK_SIZE, 0, 0, huge))));
    RtmpConnection other = new RtmpConnection(new NullTransport(), (a, s, k, r) -> Mono.empty(), 1 << 20, 1 << 24);
    assertThrows(RtmpException.class, () -> other.receive("GET / HTTP/1.1\r\n".getBytes()));
  }

  @Test
  void malformedCommandsAreProtocolErrors() throws Exception {
    handshake();
    byte[] junk = {0x02, 0x00, 0x10, 'x'};
    assertThrows(RtmpException.class, () -> connection.receive(
        writer.write(3, new RtmpMessage(RtmpMessage.COMMAND_AMF0, 0, 0, junk))));
  }

  @Test
  void keysComeFromTheQuery() {
    assertEquals("abc", RtmpConnection.key("key=abc&x=1"));
    assertEquals("abc", RtmpConnection.key("abc"));
    assertEquals(null, RtmpConnection.key("x=1"));
  }
}
