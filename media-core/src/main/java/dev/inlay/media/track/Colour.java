package dev.inlay.media.track;

/**
 * How a video track's samples map to colour, as ITU-T H.273 code points (the values Matroska's Colour
 * element and FFmpeg use): matrix coefficients, range (0 unspecified, 1 limited, 2 full), transfer
 * characteristics and colour primaries. 2 means unspecified for all but the range.
 */
public record Colour(int matrix, int range, int transfer, int primaries) {
  public static final Colour UNSPECIFIED = new Colour(2, 0, 2, 2);
}
