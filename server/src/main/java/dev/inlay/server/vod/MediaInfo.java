package dev.inlay.server.vod;

import java.util.List;

/**
 * What /api/media says about one file of the library.
 *
 * @param path            the path inside the library
 * @param url             where it is served
 * @param bytes           file size
 * @param container       "flv", "webm" or "matroska"
 * @param durationSeconds from the container's metadata, else from the packets; null when unknown
 * @param tracks          the tracks media-core found
 * @param error           why the file could not be read completely, or null
 */
public record MediaInfo(String path, String url, long bytes, String container, Double durationSeconds,
    List<Track> tracks, String error) {

  /**
   * One track.
   *
   * @param index      the stream number (as ffprobe counts)
   * @param type       "video" or "audio"
   * @param codec      FFmpeg's codec name
   * @param codecString RFC 6381 codec string
   * @param width      picture width (video)
   * @param height     picture height (video)
   * @param sampleRate samples per second (audio)
   * @param channels   channel count (audio)
   */
  public record Track(int index, String type, String codec, String codecString, Integer width, Integer height,
      Integer sampleRate, Integer channels) {}
}
