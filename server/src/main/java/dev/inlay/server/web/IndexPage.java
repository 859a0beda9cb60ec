package dev.inlay.server.web;

import dev.inlay.server.auth.PlayAuth;
import dev.inlay.server.live.LiveProperties;
import dev.inlay.server.vod.MediaLibrary;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The demo page: a player on the demo live channel (or the source chosen with ?src=), the library's files
 * and the live channel to switch to, the embed snippet for what plays, and the decoder builds.
 */
@Configuration
public class IndexPage {
  private static final String[] DECODERS = {"decoder.js", "decoder.wasm", "decoder-simd.js", "decoder-simd.wasm",
      "decoder-asm.js", "decoder-flv.wasm", "decoder-flv-simd.wasm", "decoder-flv-asm.js", "decoder-webm.wasm",
      "decoder-webm-simd.wasm", "decoder-webm-asm.js"};

  @Bean
  RouterFunction<ServerResponse> indexRoute(MediaLibrary library, LiveProperties live, PlayAuth auth) {
    return RouterFunctions.route()
        .GET("/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
            .bodyValue(render(library, live, auth, request)))
        .build();
  }

  /** The source to play: ?src= when it names a library file or a live stream of this server, else the demo. */
  static String source(ServerRequest request, String demo) {
    String src = request.queryParam("src").orElse("");
    boolean ours = (src.startsWith("/media/") || src.startsWith("/live/")) && !src.contains("..")
        && src.chars().noneMatch(c -> c < 0x20 || c == '"' || c == '<' || c == '>' || c == '\\');
    return ours ? src : demo;
  }

  static String render(MediaLibrary library, LiveProperties live, PlayAuth auth, ServerRequest request) {
    String demo = "/live/" + live.demo().name() + ".flv";
    String src = source(request, demo);
    if (src.equals(demo) && auth.protects("live")) {
      // The server's own demo channel: signed here for an hour, as a site would sign its viewers' URLs.
      src = demo + "?" + auth.sign(demo, java.time.Instant.now().getEpochSecond() + 3600);
    }
    String origin = request.uri().getScheme() + "://" + request.uri().getRawAuthority();
    String esc = HtmlUtils.htmlEscape(src);
    String embed = "<script src=\"" + origin + "/inlay/inlay.js\"></script>\n<inlay-player src=\"" + origin + src
        + "\" autoplay muted controls></inlay-player>";
    StringBuilder html = new StringBuilder(8192);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Inlay</title><link rel=\"icon\" href=\"data:,\"><script src=\"/inlay/inlay.js\"></script><style>")
        .append("body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f6f6f7}")
        .append("header,main{max-width:60rem;margin:0 auto;padding:0 1rem}header{padding-top:1rem}")
        .append("h1{margin:.2em 0;font-size:1.6rem}h2{font-size:1.15rem;margin:1.5em 0 .4em}")
        .append(".lead{margin:0 0 1rem;color:#555}inlay-player{width:100%;border-radius:8px}")
        .append("pre{background:#1d1d1f;color:#e8e8e8;padding:.8rem;border-radius:6px;overflow-x:auto;font-size:.85rem}")
        .append("code{font-size:.9em}.files{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));")
        .append("gap:.3rem .8rem;padding:0;list-style:none}.files a{text-decoration:none}.files a:hover{text-decoration:underline}")
        .append(".now{font-weight:600}.small{font-size:.85rem;color:#666}footer{margin:2rem 0}</style></head><body>")
        .append("<header><h1>Inlay</h1><p class=\"lead\">FLV and WebM on a canvas, no &lt;video&gt;: FFmpeg's ")
        .append("decoders in WebAssembly, in a worker, drawn with WebGL or Canvas 2D; and the server that streams them.</p></header>")
        .append("<main><inlay-player id=\"player\" src=\"").append(esc).append("\" autoplay muted controls")
        .append(src.startsWith("/live/") ? " live" : "").append("></inlay-player>")
        .append("<p>Playing <code class=\"now\">").append(esc).append("</code>. The player starts muted (browsers allow ")
        .append("that without a click); tap it for sound. The <b>i</b> button shows statistics.</p>")
        .append("<h2>Embed it</h2><pre><code>").append(HtmlUtils.htmlEscape(embed)).append("</code></pre>")
        .append("<p class=\"small\">Attributes, properties and events: <code>docs/api.md</code>.</p>")
        .append("<h2>Live</h2><ul class=\"files\"><li><a href=\"/?src=").append(UriUtils.encodeQueryParam(demo,
            StandardCharsets.UTF_8)).append("\">").append(HtmlUtils.htmlEscape(demo)).append("</a> (demo channel)</li>")
        .append("<li><a href=\"/streams.html\">Every live stream</a>, with previews</li></ul>")
        .append("<h2>Media library</h2><p class=\"small\">Files of <code>")
        .append(HtmlUtils.htmlEscape(library.root().toString())).append("</code>; ")
        .append("<a href=\"/api/media\"><code>/api/media</code></a> describes them; <a href=\"/library.html\">the ")
        .append("library page</a> has a player and the embed snippet for each.</p><ul class=\"files\">");
    for (String f : library.files()) {
      String href = "/media/" + UriUtils.encodePath(f, StandardCharsets.UTF_8);
      if (f.endsWith(".flv") || f.endsWith(".webm") || f.endsWith(".mkv")) {
        html.append("<li><a href=\"/?src=").append(UriUtils.encodeQueryParam(href, StandardCharsets.UTF_8))
            .append("\">").append(HtmlUtils.htmlEscape(f)).append("</a> <a class=\"small\" href=\"").append(href)
            .append("\" download>file</a></li>");
      } else {
        html.append("<li><a href=\"").append(href).append("\">").append(HtmlUtils.htmlEscape(f)).append("</a></li>");
      }
    }
    html.append("</ul><h2>Decoders</h2><p class=\"small\">FFmpeg's libavcodec built with Emscripten; the player picks ")
        .append("Wasm SIMD, Wasm or asm.js and the FLV or WebM set. <a href=\"/decoder-check.html\">Check them in this ")
        .append("browser</a>.</p><ul class=\"files small\">");
    for (String d : DECODERS) {
      html.append("<li><a href=\"/inlay/").append(d).append("\"><code>/inlay/").append(d).append("</code></a></li>");
    }
    html.append("</ul><footer class=\"small\">Inlay</footer></main></body></html>");
    return html.toString();
  }
}
