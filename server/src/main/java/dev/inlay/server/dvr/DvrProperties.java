package dev.inlay.server.dvr;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DVR: which live streams are recorded into the media library ({@code inlay.dvr.*}).
 *
 * @param record patterns of "app/stream" to record, {@code *} matching any run of characters (e.g.
 *               {@code live/*}); empty records nothing
 * @param folder the folder inside the media library where recordings go, one subfolder per app
 */
@ConfigurationProperties("inlay.dvr")
public record DvrProperties(List<String> record, @DefaultValue("dvr") String folder) {
  public DvrProperties {
    record = record == null ? List.of() : List.copyOf(record);
  }

  /** Whether app/stream matches one of the patterns. */
  public boolean records(String app, String stream) {
    String name = app + "/" + stream;
    for (String pattern : record) {
      StringBuilder regex = new StringBuilder();
      for (String part : pattern.split("\\*", -1)) {
        if (regex.length() > 0) {
          regex.append(".*");
        }
        regex.append(java.util.regex.Pattern.quote(part));
      }
      if (name.matches(regex.toString())) {
        return true;
      }
    }
    return false;
  }
}
