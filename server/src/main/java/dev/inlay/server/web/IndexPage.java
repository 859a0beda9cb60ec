package dev.inlay.server.web;

import dev.inlay.server.vod.MediaLibrary;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/** The front page: what the server offers (media files, decoder builds) until the player's demo page exists. */
@Configuration
public class IndexPage {
  private static final String[] DECODERS = {"decoder.js", "decoder.wasm", "decoder-simd.js", "decoder-simd.wasm",
      "decoder-asm.js", "decoder-flv.wasm", "decoder-flv-simd.wasm", "decoder-flv-asm.js", "decoder-webm.wasm",
      "decoder-webm-simd.wasm", "decoder-webm-asm.js"};

  @Bean
  RouterFunction<ServerResponse> indexRoute(MediaLibrary library) {
    return RouterFunctions.route()
        .GET("/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(render(library)))
        .build();
  }

  static String render(MediaLibrary library) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Inlay</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;")
        .append("padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .25em}li{margin:.15em 0}</style></head><body>")
        .append("<h1>Inlay</h1><p>A canvas video player for FLV and WebM with FFmpeg decoders in WebAssembly, ")
        .append("and its streaming server.</p>")
        .append("<h2>Decoders</h2><p>Built from FFmpeg's libavcodec with Emscripten. ")
        .append("<a href=\"/decoder-check.html\">Check them in this browser</a>.</p><ul>");
    for (String d : DECODERS) {
      html.append("<li><a href=\"/inlay/").append(d).append("\"><code>/inlay/").append(d).append("</code></a></li>");
    }
    html.append("</ul><h2>Live</h2><p>The demo channel: <a href=\"/live/demo.flv\"><code>/live/demo.flv</code></a> ")
        .append("(HTTP-FLV, a library file looped in real time).</p>")
        .append("<h2>Media</h2><p><a href=\"/api/media\"><code>/api/media</code></a> describes them; FLV files seek ")
        .append("with <code>?start=SECONDS</code>. Files of <code>").append(HtmlUtils.htmlEscape(library.root().toString()))
        .append("</code>:</p><ul>");
    for (String f : library.files()) {
      String href = "/media/" + UriUtils.encodePath(f, java.nio.charset.StandardCharsets.UTF_8);
      html.append("<li><a href=\"").append(href).append("\">").append(HtmlUtils.htmlEscape(f)).append("</a></li>");
    }
    html.append("</ul></body></html>");
    return html.toString();
  }
}
