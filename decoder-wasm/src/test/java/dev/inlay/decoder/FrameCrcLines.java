package dev.inlay.decoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** framecrc output split per stream: the media type of each stream and its frames' (size, adler32). */
public record FrameCrcLines(Map<Integer, String> mediaTypes, Map<Integer, List<String>> frames) {

  public static FrameCrcLines parse(List<String> lines) {
    Map<Integer, String> types = new LinkedHashMap<>();
    Map<Integer, List<String>> frames = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.startsWith("#media_type ")) {
        String[] p = line.substring(12).split(": ");
        types.put(Integer.parseInt(p[0]), p[1].trim());
      } else if (!line.isBlank() && !line.startsWith("#")) {
        String[] p = line.split(",");
        frames.computeIfAbsent(Integer.parseInt(p[0].trim()), k -> new ArrayList<>())
            .add(p[4].trim() + " " + p[5].trim());
      }
    }
    return new FrameCrcLines(types, frames);
  }

  /** The frames of the first stream of a media type ("video", "audio"), or an empty list. */
  public List<String> framesOf(String type) {
    for (Map.Entry<Integer, String> e : mediaTypes.entrySet()) {
      if (e.getValue().equals(type)) {
        return frames.getOrDefault(e.getKey(), List.of());
      }
    }
    return List.of();
  }
}
