package dev.inlay.media.track;

/**
 * One compressed access unit of a track.
 *
 * @param trackId           the track (see {@link TrackFormat#trackId()})
 * @param ptsUs             presentation time in microseconds
 * @param dtsUs             decoding time in microseconds
 * @param durationUs        duration in microseconds, or 0 when the container does not say
 * @param key               whether decoding can start here
 * @param data              the payload as the decoder takes it (length-prefixed NAL units for AVC/HEVC)
 * @param discardPaddingUs  audio to drop from the end of this packet (Matroska DiscardPadding)
 * @param position          byte offset of the packet's container unit in the input, or -1
 * @param discontinuity     the timeline jumped before this packet (a live stream restarted or was cut):
 *                          do not measure its distance to the previous packet
 * @param alpha             the picture's alpha channel coded as a picture of its own (Matroska
 *                          BlockAdditional with BlockAddID 1, as VP8 and VP9 with alpha are stored), or null
 */
public record Packet(int trackId, long ptsUs, long dtsUs, long durationUs, boolean key, byte[] data,
    long discardPaddingUs, long position, boolean discontinuity, byte[] alpha) {

  /** A packet without an alpha channel. */
  public Packet(int trackId, long ptsUs, long dtsUs, long durationUs, boolean key, byte[] data,
      long discardPaddingUs, long position, boolean discontinuity) {
    this(trackId, ptsUs, dtsUs, durationUs, key, data, discardPaddingUs, position, discontinuity, null);
  }
}
