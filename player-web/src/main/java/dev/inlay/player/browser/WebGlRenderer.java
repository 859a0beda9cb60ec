package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * YUV to RGB in a WebGL fragment shader: one luminance texture per plane, uploaded with the decoder's
 * strides (the shader crops the padding), the stream's matrix and range as uniforms; an alpha plane, when the
 * picture has one, makes the drawing transparent where it says. Survives context loss:
 * the GL objects are made again when the context is restored.
 */
final class WebGlRenderer implements FrameRenderer {
  private final JSObject gl;

  private WebGlRenderer(JSObject gl) {
    this.gl = gl;
  }

  private static int softwareProbe = -1;

  /**
   * Whether this browser's WebGL runs in software (SwiftShader, llvmpipe): there, uploading and shading a
   * 1080p picture takes longer than converting it in JavaScript for Canvas 2D, so the player prefers that.
   * Probed once per page on a throwaway canvas.
   */
  static boolean isSoftware() {
    if (softwareProbe < 0) {
      softwareProbe = probeSoftware() ? 1 : 0;
    }
    return softwareProbe == 1;
  }

  @JSBody(script = ""
      + "try { var cv = document.createElement('canvas'); var gl = cv.getContext('webgl'); if (!gl) return false;"
      + "  var ext = gl.getExtension('WEBGL_debug_renderer_info');"
      + "  var name = String(gl.getParameter(gl.RENDERER)) + ' ' + (ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '');"
      + "  var lose = gl.getExtension('WEBGL_lose_context'); if (lose) lose.loseContext();"
      + "  return /swiftshader|llvmpipe|softpipe|software/i.test(name); } catch (e_) { return false; }")
  private static native boolean probeSoftware();

  /**
   * Own contexts the players of a page may hold at once. Browsers cap a page's live WebGL contexts (16 in
   * desktop Chromium, fewer on phones) and silently take the oldest away past that; players beyond this
   * many draw through one shared context instead ({@link SharedGlRenderer}).
   */
  static final int OWN_CONTEXTS = 6;

  private static int ownContexts;

  /** A renderer on the canvas (its own context, or the page's shared one), or null without WebGL. */
  static FrameRenderer create(JSObject canvas) {
    if (ownContexts >= OWN_CONTEXTS) {
      return SharedGlRenderer.create(canvas);
    }
    JSObject gl = init(canvas);
    if (gl == null) {
      return null;
    }
    ownContexts++;
    return new WebGlRenderer(gl);
  }

  /** The GL state of a context on the canvas: program, textures, uniforms; null without WebGL. */
  @JSBody(params = "canvas", script = ""
      // alpha: pictures with an alpha plane show the page through; opaque ones write an alpha of 1.
      + "var opts = {alpha: true, premultipliedAlpha: true, antialias: false, depth: false, preserveDrawingBuffer: true,"
      + " powerPreference: 'high-performance'};"
      + "var gl = canvas.getContext('webgl', opts) || canvas.getContext('experimental-webgl', opts);"
      + "if (!gl) return null;"
      + "var r_ = {gl: gl, lost: false};"
      + "function setup() {"
      + "  var vs = 'attribute vec2 p; varying vec2 uv; void main() { uv = vec2(p.x * 0.5 + 0.5, 0.5 - p.y * 0.5); gl_Position = vec4(p, 0.0, 1.0); }';"
      + "  var fs = 'precision mediump float; varying vec2 uv; uniform sampler2D ty, tu, tv, ta; uniform vec2 sy, sc, sa;'"
      + "    + ' uniform mat3 m; uniform vec3 off; uniform float gray, hasA;'"
      + "    + ' void main() { vec3 yuv = vec3(texture2D(ty, uv * sy).r, texture2D(tu, uv * sc).r, texture2D(tv, uv * sc).r);'"
      + "    + ' if (gray > 0.5) yuv.yz = off.yz;'"
      + "    + ' float a = hasA > 0.5 ? texture2D(ta, uv * sa).r : 1.0;'"
      // The drawing buffer holds premultiplied colour.
      + "    + ' gl_FragColor = vec4(clamp(m * (yuv - off), 0.0, 1.0) * a, a); }';"
      + "  function sh(type, src) { var s_ = gl.createShader(type); gl.shaderSource(s_, src); gl.compileShader(s_); return s_; }"
      + "  var p_ = gl.createProgram(); gl.attachShader(p_, sh(gl.VERTEX_SHADER, vs)); gl.attachShader(p_, sh(gl.FRAGMENT_SHADER, fs));"
      + "  gl.linkProgram(p_); gl.useProgram(p_);"
      + "  var b_ = gl.createBuffer(); gl.bindBuffer(gl.ARRAY_BUFFER, b_);"
      + "  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);"
      + "  var a_ = gl.getAttribLocation(p_, 'p'); gl.enableVertexAttribArray(a_); gl.vertexAttribPointer(a_, 2, gl.FLOAT, false, 0, 0);"
      + "  r_.tex = []; r_.dims = ['', '', '', '']; var names = ['ty', 'tu', 'tv', 'ta'];"
      + "  for (var i_ = 0; i_ < 4; i_++) { var t_ = gl.createTexture(); gl.activeTexture(gl.TEXTURE0 + i_); gl.bindTexture(gl.TEXTURE_2D, t_);"
      + "    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR); gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);"
      + "    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE); gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);"
      + "    gl.uniform1i(gl.getUniformLocation(p_, names[i_]), i_); r_.tex.push(t_); }"
      + "  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);"
      // Until a picture brings an alpha plane, the alpha texture is one opaque texel.
      + "  gl.activeTexture(gl.TEXTURE3); gl.texImage2D(gl.TEXTURE_2D, 0, gl.LUMINANCE, 1, 1, 0, gl.LUMINANCE, gl.UNSIGNED_BYTE, new Uint8Array([255]));"
      + "  r_.dims[3] = '1x1';"
      + "  r_.u = {sy: gl.getUniformLocation(p_, 'sy'), sc: gl.getUniformLocation(p_, 'sc'), m: gl.getUniformLocation(p_, 'm'),"
      + "    off: gl.getUniformLocation(p_, 'off'), gray: gl.getUniformLocation(p_, 'gray'), sa: gl.getUniformLocation(p_, 'sa'),"
      + "    hasA: gl.getUniformLocation(p_, 'hasA')};"
      + "}"
      + "canvas.addEventListener('webglcontextlost', function (e_) { e_.preventDefault(); r_.lost = true; });"
      + "canvas.addEventListener('webglcontextrestored', function () { r_.lost = false; setup(); });"
      + "setup();"
      + "return r_;")
  static native JSObject init(JSObject canvas);

  @JSBody(params = {"r", "buf", "w", "h", "cw", "ch", "planes", "s0", "o0", "s1", "o1", "s2", "o2", "coef", "sA", "oA"},
      script = ""
      + "if (r.lost) return; var gl = r.gl, c_ = gl.canvas;"
      + "if (c_.width !== w || c_.height !== h) { c_.width = w; c_.height = h; }"
      + "gl.viewport(0, 0, w, h);"
      + "var dims = [[s0, h, o0], [s1, ch, o1], [s2, ch, o2], [sA, h, oA]];"
      + "for (var i_ = 0; i_ < 4; i_++) { if (i_ === 3 && oA < 0) break; gl.activeTexture(gl.TEXTURE0 + i_); gl.bindTexture(gl.TEXTURE_2D, r.tex[i_]);"
      + "  var has_ = i_ < planes || i_ === 3;"
      + "  var d_ = has_ ? dims[i_] : [1, 1, 0]; var data = has_ ? new Uint8Array(buf, d_[2], d_[0] * d_[1]) : new Uint8Array([128]);"
      + "  var key = d_[0] + 'x' + d_[1]; if (r.dims[i_] === key) gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, d_[0], d_[1], gl.LUMINANCE, gl.UNSIGNED_BYTE, data);"
      + "  else { gl.texImage2D(gl.TEXTURE_2D, 0, gl.LUMINANCE, d_[0], d_[1], 0, gl.LUMINANCE, gl.UNSIGNED_BYTE, data); r.dims[i_] = key; } }"
      + "gl.uniform2f(r.u.sy, w / s0, 1.0); gl.uniform2f(r.u.sc, planes > 1 ? cw / s1 : 1.0, 1.0);"
      + "gl.uniformMatrix3fv(r.u.m, false, coef.subarray(0, 9)); gl.uniform3f(r.u.off, coef[9], coef[10], coef[11]);"
      + "gl.uniform1f(r.u.gray, planes > 1 ? 0.0 : 1.0);"
      + "gl.uniform1f(r.u.hasA, oA >= 0 ? 1.0 : 0.0); gl.uniform2f(r.u.sa, oA >= 0 ? w / sA : 1.0, 1.0);"
      + "gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);")
  static native void drawPlanes(JSObject r, ArrayBuffer buf, int w, int h, int cw, int ch, int planes,
      int s0, int o0, int s1, int o1, int s2, int o2, Float32Array coef, int sA, int oA);

  @JSBody(params = "r", script = "var e_ = r.gl.getExtension('WEBGL_lose_context'); r.lost = true; if (e_) e_.loseContext();")
  private static native void lose(JSObject r);

  private final ColourCache colour = new ColourCache();

  @Override
  public void draw(VideoFrame f) {
    FrameRenderer.drawPlanes(f, colour, gl, WebGlRenderer::drawPlanes);
  }

  @Override
  public String kind() {
    return "webgl";
  }

  private boolean disposed;

  @Override
  public void dispose() {
    if (!disposed) {
      disposed = true;
      ownContexts--;
      lose(gl);
    }
  }
}
