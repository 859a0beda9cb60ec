package dev.inlay.server.ingest.rtmp;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.Amf0;
import dev.inlay.media.codec.Amf0Writer;
import dev.inlay.media.io.ByteReader;
import dev.inlay.server.ingest.IngestRefused;
import dev.inlay.server.live.Publication;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One RTMP client, free of the network: bytes in, bytes out. Runs the handshake, reads the chunk stream,
 * answers the protocol control messages and the NetConnection/NetStream commands of a publisher (connect,
 * releaseStream, FCPublish, createStream, publish, FCUnpublish, deleteStream), and passes @setDataFrame
 * metadata, audio and video on as FLV tags. Anything malformed or over a limit ends with an
 * {@link RtmpException}, which closes only this connection.
 */
final class RtmpConnection {
  private static final Logger LOG = LoggerFactory.getLogger(RtmpConnection.class);
  private static final int OUR_CHUNK_SIZE = 4096;
  private static final long WINDOW = 2_500_000;
  private static final int CSID_CONTROL = 2;
  private static final int CSID_COMMAND = 3;
  private static final int STREAM_ID = 1;
  /** Enhanced RTMP v2 FourCcInfoMask.CanForward and CapsExMask bits. */
  private static final int FOURCC_CAN_FORWARD = 0x04;
  private static final int CAPS_MULTITRACK = 0x02;
  private static final int CAPS_MODEX = 0x04;
  private static final int CAPS_NANO_OFFSET = 0x08;

  /** The network side: sends bytes, closes the connection. */
  interface Transport {
    void send(byte[] bytes);

    void close();

    InetSocketAddress remote();
  }

  /** Asks to publish app/stream with a key: IngestService in the server, a fake in tests. */
  interface Publisher {
    Mono<Publication> publish(String app, String stream, String key, InetSocketAddress remote);
  }

  private final Transport transport;
  private final Publisher publisher;
  private final RtmpHandshake handshake = new RtmpHandshake(new Random());
  private final ChunkReader reader;
  private final ChunkWriter writer = new ChunkWriter();
  private final int maxChunkSize;
  private String app;
  private String connectKey;
  private Publication publication;
  private boolean publishing;
  private boolean closed;
  private long peerWindow = WINDOW;
  private long lastAck;

  RtmpConnection(Transport transport, Publisher publisher, int maxChunkSize, int maxMessageBytes) {
    this.transport = transport;
    this.publisher = publisher;
    this.maxChunkSize = maxChunkSize;
    this.reader = new ChunkReader(maxChunkSize, maxMessageBytes, 64);
  }

  /** Bytes from the client, in order. */
  synchronized void receive(byte[] data) throws RtmpException {
    if (closed) {
      return;
    }
    int used = 0;
    if (!handshake.done()) {
      used = handshake.feed(data, 0, data.length, transport::send);
      if (!handshake.done()) {
        return;
      }
    }
    if (used < data.length) {
      reader.feed(data, used, data.length - used, this::onMessageUnchecked);
      if (pendingError != null) {
        RtmpException e = pendingError;
        pendingError = null;
        throw e;
      }
      if (reader.bytesRead() - lastAck >= peerWindow) {
        lastAck = reader.bytesRead();
        send(CSID_CONTROL, RtmpMessage.ACKNOWLEDGEMENT, 0, u32((int) lastAck));
      }
    }
  }

  /** The connection is gone: a publication ends (its viewers wait for the grace period). */
  synchronized void closed() {
    closed = true;
    if (publication != null) {
      publication.end();
      publication = null;
    }
  }

  private RtmpException pendingError;

  private void onMessageUnchecked(RtmpMessage m) {
    if (pendingError != null) {
      return;
    }
    try {
      onMessage(m);
    } catch (RtmpException e) {
      pendingError = e;
    }
  }

  private void onMessage(RtmpMessage m) throws RtmpException {
    byte[] p = m.payload();
    switch (m.type()) {
      case RtmpMessage.SET_CHUNK_SIZE -> reader.setChunkSize(u32(p, "Set Chunk Size") & 0x7FFFFFFFL);
      case RtmpMessage.ABORT -> reader.abort((int) u32(p, "Abort"));
      case RtmpMessage.WINDOW_ACK_SIZE -> peerWindow = Math.max(1, u32(p, "Window Acknowledgement Size"));
      case RtmpMessage.ACKNOWLEDGEMENT, RtmpMessage.USER_CONTROL, RtmpMessage.SET_PEER_BANDWIDTH -> { }
      case RtmpMessage.COMMAND_AMF0 -> command(values(p, 0), m);
      case RtmpMessage.COMMAND_AMF3 -> command(values(p, 1), m);
      case RtmpMessage.DATA_AMF0 -> media(RtmpMessage.DATA_AMF0, m.timestampMs(), p);
      case RtmpMessage.DATA_AMF3 -> media(RtmpMessage.DATA_AMF0, m.timestampMs(), java.util.Arrays.copyOfRange(p,
          Math.min(1, p.length), p.length));
      case RtmpMessage.AUDIO, RtmpMessage.VIDEO -> media(m.type(), m.timestampMs(), p);
      case RtmpMessage.AGGREGATE -> aggregate(m);
      default -> { } // unknown types are skipped, as the specification asks
    }
  }

  private void media(int type, long timestampMs, byte[] payload) {
    if (publication != null) {
      publication.tag(type, timestampMs, payload);
    }
  }

  /** Aggregate message (section 7.1.6): FLV tags back to back, times relative to the message's. */
  private void aggregate(RtmpMessage m) throws RtmpException {
    ByteReader r = new ByteReader(m.payload());
    long base = -1;
    try {
      while (r.remaining() >= 11) {
        int type = r.u8();
        int size = r.u24();
        long ts = r.u24() | ((long) r.u8() << 24);
        r.skip(3);
        byte[] body = r.bytes(size);
        if (r.remaining() >= 4) {
          r.skip(4);
        }
        if (base < 0) {
          base = ts;
        }
        media(type, m.timestampMs() + ts - base, body);
      }
    } catch (ParserException e) {
      throw RtmpException.protocol("malformed aggregate message: " + e.getMessage());
    }
  }

  private void command(List<Object> v, RtmpMessage m) throws RtmpException {
    if (v.isEmpty() || !(v.get(0) instanceof String name)) {
      throw RtmpException.protocol("a command without a name");
    }
    double tx = v.size() > 1 && v.get(1) instanceof Double d ? d : 0;
    switch (name) {
      case "connect" -> connect(tx, v.size() > 2 ? v.get(2) : null);
      case "releaseStream", "FCPublish", "FCUnpublish" -> {
        if (name.equals("FCUnpublish")) {
          unpublish();
        }
        if (tx > 0) {
          sendCommand(0, "_result", tx, (Object) null);
        }
      }
      case "createStream" -> sendCommand(0, "_result", tx, null, (double) STREAM_ID);
      case "publish" -> publish(v.size() > 3 && v.get(3) instanceof String s ? s : "");
      case "deleteStream", "closeStream" -> unpublish();
      case "play", "play2" -> {
        status("error", "NetStream.Play.Failed", "This server plays streams over HTTP-FLV and WebSocket-FLV, not RTMP.");
        LOG.info("RTMP play refused from {}", transport.remote());
        close();
      }
      default -> { }
    }
  }

  private void connect(double tx, Object commandObject) throws RtmpException {
    if (!(commandObject instanceof Map<?, ?> obj) || !(obj.get("app") instanceof String a)) {
      throw RtmpException.protocol("connect without an app");
    }
    int q = a.indexOf('?');
    app = q < 0 ? a : a.substring(0, q);
    connectKey = q < 0 ? null : key(a.substring(q + 1));
    while (app.endsWith("/")) {
      app = app.substring(0, app.length() - 1);
    }
    send(CSID_CONTROL, RtmpMessage.WINDOW_ACK_SIZE, 0, u32((int) WINDOW));
    byte[] bw = new byte[5];
    System.arraycopy(u32((int) WINDOW), 0, bw, 0, 4);
    bw[4] = 2; // dynamic
    send(CSID_CONTROL, RtmpMessage.SET_PEER_BANDWIDTH, 0, bw);
    send(CSID_CONTROL, RtmpMessage.SET_CHUNK_SIZE, 0, u32(OUR_CHUNK_SIZE));
    writer.setChunkSize(OUR_CHUNK_SIZE);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("fmsVer", "FMS/3,0,1,123");
    props.put("capabilities", 31.0);
    if (obj.containsKey("fourCcList") || obj.containsKey("videoFourCcInfoMap") || obj.containsKey("audioFourCcInfoMap")
        || obj.containsKey("capsEx")) {
      enhancedCapabilities(props);
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("level", "status");
    info.put("code", "NetConnection.Connect.Success");
    info.put("description", "Connection succeeded.");
    info.put("objectEncoding", 0.0);
    send(CSID_COMMAND, RtmpMessage.COMMAND_AMF0, 0, new Amf0Writer().value("_result").value(tx).object(props)
        .object(info).toByteArray());
  }

  /**
   * What the server takes, told to a publisher that asked in enhanced RTMP's terms (Veovera, "Enhancing
   * NetConnection connect Command"): it forwards every codec (FourCcInfoMask CanForward, 0x04, for "*"),
   * lists the FourCCs of v1 clients' fourCcList, and reads multitrack, ModEx and nanosecond timestamp
   * offsets (CapsExMask 0x02, 0x04, 0x08); it never asks a publisher to reconnect (0x01).
   */
  private static void enhancedCapabilities(Map<String, Object> props) {
    props.put("fourCcList", List.of("av01", "vp09", "hvc1", "avc1"));
    props.put("videoFourCcInfoMap", new Amf0Writer.AnonymousObject(Map.of("*", (double) FOURCC_CAN_FORWARD)));
    props.put("audioFourCcInfoMap", new Amf0Writer.AnonymousObject(Map.of("*", (double) FOURCC_CAN_FORWARD)));
    props.put("capsEx", (double) (CAPS_MULTITRACK | CAPS_MODEX | CAPS_NANO_OFFSET));
  }

  private void publish(String streamArg) {
    if (app == null) {
      status("error", "NetStream.Publish.BadName", "connect first");
      close();
      return;
    }
    if (publishing) {
      return;
    }
    publishing = true;
    int q = streamArg.indexOf('?');
    String stream = q < 0 ? streamArg : streamArg.substring(0, q);
    String key = q < 0 ? connectKey : key(streamArg.substring(q + 1));
    publisher.publish(app, stream, key, transport.remote()).switchIfEmpty(Mono.error(new IngestRefused(
        IngestRefused.Reason.BUSY, app + "/" + stream + " is already being published"))).subscribe(p -> {
      synchronized (this) {
        if (closed) {
          p.end();
          return;
        }
        publication = p;
        p.onStop(this::close);
        send(CSID_CONTROL, RtmpMessage.USER_CONTROL, 0, new byte[] {0, 0, 0, 0, 0, STREAM_ID});
        status("status", "NetStream.Publish.Start", "Publishing " + app + "/" + stream + ".");
      }
    }, e -> {
      synchronized (this) {
        String code = e instanceof IngestRefused r && r.reason() == IngestRefused.Reason.UNAUTHORIZED
            ? "NetStream.Publish.Unauthorized" : "NetStream.Publish.BadName";
        status("error", code, e.getMessage());
        close();
      }
    });
  }

  private void unpublish() {
    if (publication != null) {
      publication.end();
      publication = null;
    }
    publishing = false;
  }

  private void status(String level, String code, String description) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("level", level);
    info.put("code", code);
    info.put("description", description);
    send(CSID_COMMAND, RtmpMessage.COMMAND_AMF0, STREAM_ID, new Amf0Writer().value("onStatus").value(0.0)
        .value(null).object(info).toByteArray());
  }

  private void sendCommand(int streamId, String name, double tx, Object... args) {
    Amf0Writer w = new Amf0Writer().value(name).value(tx);
    for (Object a : args) {
      w.value(a);
    }
    send(CSID_COMMAND, RtmpMessage.COMMAND_AMF0, streamId, w.toByteArray());
  }

  private void send(int csid, int type, int streamId, byte[] payload) {
    if (!closed) {
      transport.send(writer.write(csid, new RtmpMessage(type, streamId, 0, payload)));
    }
  }

  private void close() {
    if (!closed) {
      closed();
      transport.close();
    }
  }

  /** "key=abc&x=y" gives abc; a bare query ("abc") is the key itself. */
  static String key(String query) {
    for (String part : query.split("&")) {
      if (part.startsWith("key=")) {
        return part.substring(4);
      }
    }
    return query.contains("=") ? null : query;
  }

  private static List<Object> values(byte[] p, int skip) throws RtmpException {
    List<Object> out = new ArrayList<>();
    ByteReader r = new ByteReader(p, Math.min(skip, p.length), Math.max(0, p.length - skip));
    try {
      while (r.remaining() > 0) {
        out.add(Amf0.read(r));
      }
    } catch (ParserException e) {
      throw RtmpException.protocol("malformed AMF0 command: " + e.getMessage());
    }
    return out;
  }

  private static long u32(byte[] p, String what) throws RtmpException {
    if (p.length < 4) {
      throw RtmpException.protocol(what + " shorter than 4 bytes");
    }
    return ((p[0] & 0xFFL) << 24) | ((p[1] & 0xFFL) << 16) | ((p[2] & 0xFFL) << 8) | (p[3] & 0xFFL);
  }

  private static byte[] u32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  int maxChunkSize() {
    return maxChunkSize;
  }
}
