package dev.inlay.server.ingest.rtmp;

/**
 * One RTMP message (RTMP specification 1.0, section 6.1): its type, the message stream it belongs to, a
 * 32-bit timestamp in milliseconds and the payload.
 */
public record RtmpMessage(int type, int streamId, long timestampMs, byte[] payload) {
  public static final int SET_CHUNK_SIZE = 1;
  public static final int ABORT = 2;
  public static final int ACKNOWLEDGEMENT = 3;
  public static final int USER_CONTROL = 4;
  public static final int WINDOW_ACK_SIZE = 5;
  public static final int SET_PEER_BANDWIDTH = 6;
  public static final int AUDIO = 8;
  public static final int VIDEO = 9;
  public static final int DATA_AMF3 = 15;
  public static final int COMMAND_AMF3 = 17;
  public static final int DATA_AMF0 = 18;
  public static final int COMMAND_AMF0 = 20;
  public static final int AGGREGATE = 22;
}
