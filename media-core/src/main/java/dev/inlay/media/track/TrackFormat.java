package dev.inlay.media.track;

/**
 * What a decoder needs to know about one track: codec, its configuration record and basic geometry or
 * audio layout. Immutable; a new sequence header in the stream produces a new instance.
 *
 * @param trackId       the container's own number (FLV: 0 video, 1 audio in order of appearance;
 *                      Matroska: TrackNumber)
 * @param codec         the codec
 * @param config        codec configuration bytes as the decoder takes them (avcC, hvcC, AudioSpecificConfig,
 *                      OpusHead, Xiph-laced Vorbis headers), or an empty array
 * @param width         coded width in pixels (video; 0 when unknown)
 * @param height        coded height in pixels (video; 0 when unknown)
 * @param sampleRate    samples per second (audio; 0 when unknown)
 * @param channels      channel count (audio; 0 when unknown)
 * @param codecDelayUs  Matroska CodecDelay: audio to drop from the start, in microseconds
 * @param seekPreRollUs Matroska SeekPreRoll, in microseconds
 * @param colour        the colour description the container gives (video), or {@link Colour#UNSPECIFIED}
 */
public record TrackFormat(int trackId, Codec codec, byte[] config, int width, int height, int sampleRate,
    int channels, long codecDelayUs, long seekPreRollUs, Colour colour) {

  /** A video track. */
  public static TrackFormat video(int trackId, Codec codec, byte[] config, int width, int height) {
    return new TrackFormat(trackId, codec, config, width, height, 0, 0, 0, 0, Colour.UNSPECIFIED);
  }

  /** An audio track. */
  public static TrackFormat audio(int trackId, Codec codec, byte[] config, int sampleRate, int channels) {
    return new TrackFormat(trackId, codec, config, 0, 0, sampleRate, channels, 0, 0, Colour.UNSPECIFIED);
  }

  public boolean isVideo() {
    return codec.isVideo();
  }

  /** The same track under another id. */
  public TrackFormat withTrackId(int id) {
    return new TrackFormat(id, codec, config, width, height, sampleRate, channels, codecDelayUs, seekPreRollUs, colour);
  }

  /** The same track with other configuration bytes. */
  public TrackFormat withConfig(byte[] newConfig) {
    return new TrackFormat(trackId, codec, newConfig, width, height, sampleRate, channels, codecDelayUs,
        seekPreRollUs, colour);
  }
}
