package dev.inlay.media.demux.webm;

/** The Matroska/WebM element IDs Inlay reads (RFC 8794 for EBML, RFC 9559 for Matroska). */
final class EbmlId {
  static final int EBML = 0x1A45DFA3;
  static final int DOC_TYPE = 0x4282;
  static final int SEGMENT = 0x18538067;
  static final int SEEK_HEAD = 0x114D9B74;
  static final int INFO = 0x1549A966;
  static final int TIMESTAMP_SCALE = 0x2AD7B1;
  static final int DURATION = 0x4489;
  static final int TRACKS = 0x1654AE6B;
  static final int TRACK_ENTRY = 0xAE;
  static final int TRACK_NUMBER = 0xD7;
  static final int TRACK_TYPE = 0x83;
  static final int CODEC_ID = 0x86;
  static final int CODEC_PRIVATE = 0x63A2;
  static final int DEFAULT_DURATION = 0x23E383;
  static final int CODEC_DELAY = 0x56AA;
  static final int SEEK_PRE_ROLL = 0x56BB;
  static final int CONTENT_ENCODINGS = 0x6D80;
  static final int CONTENT_ENCODING = 0x6240;
  static final int CONTENT_ENCODING_SCOPE = 0x5032;
  static final int CONTENT_ENCODING_TYPE = 0x5033;
  static final int CONTENT_COMPRESSION = 0x5034;
  static final int CONTENT_COMP_ALGO = 0x4254;
  static final int CONTENT_COMP_SETTINGS = 0x4255;
  static final int VIDEO = 0xE0;
  static final int PIXEL_WIDTH = 0xB0;
  static final int PIXEL_HEIGHT = 0xBA;
  static final int AUDIO = 0xE1;
  static final int SAMPLING_FREQUENCY = 0xB5;
  static final int CHANNELS = 0x9F;
  static final int BIT_DEPTH = 0x6264;
  static final int CLUSTER = 0x1F43B675;
  static final int TIMESTAMP = 0xE7;
  static final int SIMPLE_BLOCK = 0xA3;
  static final int BLOCK_GROUP = 0xA0;
  static final int BLOCK = 0xA1;
  static final int BLOCK_DURATION = 0x9B;
  static final int REFERENCE_BLOCK = 0xFB;
  static final int DISCARD_PADDING = 0x75A2;
  static final int BLOCK_ADDITIONS = 0x75A1;
  static final int BLOCK_MORE = 0xA6;
  static final int BLOCK_ADD_ID = 0xEE;
  static final int BLOCK_ADDITIONAL = 0xA5;
  static final int CUES = 0x1C53BB6B;
  static final int CUE_POINT = 0xBB;
  static final int CUE_TIME = 0xB3;
  static final int CUE_TRACK_POSITIONS = 0xB7;
  static final int CUE_CLUSTER_POSITION = 0xF1;
  static final int SEEK = 0x4DBB;
  static final int SEEK_ID = 0x53AB;
  static final int SEEK_POSITION = 0x53AC;
  static final int COLOUR = 0x55B0;
  static final int MATRIX_COEFFICIENTS = 0x55B1;
  static final int RANGE = 0x55B9;
  static final int TRANSFER_CHARACTERISTICS = 0x55BA;
  static final int PRIMARIES = 0x55BB;
  static final int TAGS = 0x1254C367;
  static final int CHAPTERS = 0x1043A770;
  static final int ATTACHMENTS = 0x1941A469;

  private EbmlId() {}

  /** Whether the ID is a direct child of Segment: such an element ends a Cluster of unknown size. */
  static boolean isTopLevel(int id) {
    return id == CLUSTER || id == SEEK_HEAD || id == INFO || id == TRACKS || id == CUES || id == TAGS
        || id == CHAPTERS || id == ATTACHMENTS || id == EBML || id == SEGMENT;
  }
}
