'use strict';
// Decodes the packets that FrameCrc streams on stdin with one of Inlay's decoder builds and prints
// lines in the format of `ffmpeg -f framecrc`: stream, dts, pts, duration, size, adler32 of the frame
// laid out as FFmpeg's rawvideo (planes packed, no padding) or pcm_s16le (interleaved, converted from
// float the way libswresample does it).
//
// usage: node framecrc-node.cjs DECODER_DIR [flv-|webm-]wasm|simd|asmjs [PCM_OUT | --bench]
// With --bench, only the first video stream is decoded, nothing is hashed, and the stream is decoded
// twice in the same engine, by a fresh decoder each time; the output is one line of JSON:
// {"frames": N, "firstMs": T1, "decodeMs": T2, "errors": E}, with the time spent inside the decoder's send
// and receive calls on the first pass (the engine still compiling the hot code to its optimising tier)
// and on the second (steady state, as a player runs after its first seconds).
// stdin messages (little-endian):
//   1 stream:  i32 index, i32 codec, i32 sampleRate, i32 channels, i32 tbNum, i32 tbDen, i32 raw,
//              i32 configLength, config bytes
//   2 packet:  i32 index, f64 ptsUs (NaN: none), f64 dtsUs, i32 flags, i32 discardEndUs, i32 length, bytes
//   3 raw:     i32 index, i32 length, bytes (an elementary stream split by libavcodec's parser)
//   4 config:  i32 index, i32 length, bytes (a new sequence header: the decoder is drained and reopened)
//   5 end
//   6 alpha:   i32 index, i32 length, bytes: the alpha channel of the next packet's picture, coded as a
//              picture of its own (WebM BlockAdditional); it is decoded by a second decoder and its luma
//              plane hashed after the picture's planes, as yuva420p (what FFmpeg's libvpx decoders give)
// exit status: 0, or 4 when a decoder reported errors or output a frame marked corrupt (their count and
// first code go to stderr).
const fs = require('fs');
const path = require('path');

const [dir, variant, extra] = process.argv.slice(2);
const bench = extra === '--bench';
const pcmOut = bench ? undefined : extra;
// A variant is wasm, simd or asmjs, optionally after a codec set: flv-simd is decoder-flv-simd.js.
const parts = variant.split('-');
const set = parts[0] === 'flv' || parts[0] === 'webm' ? parts.shift() : '';
const kind = parts.length ? parts.join('-') : 'wasm';
const suffix = { wasm: '', simd: '-simd', asmjs: '-asm' }[kind];
const name = suffix === undefined ? undefined : 'decoder' + (set ? '-' + set : '') + suffix;
if (!name) {
  console.error('unknown decoder variant ' + variant);
  process.exit(2);
}
const factory = require(path.join(dir, name + '.js'));
const options = { print: () => {}, printErr: () => {} };
if (kind !== 'asmjs') options.wasmBinary = fs.readFileSync(path.join(dir, name + '.wasm'));

const CODEC_NAMES = { 1: 'h264', 2: 'hevc', 3: 'vp8', 4: 'vp9', 5: 'av1', 16: 'aac', 17: 'mp3', 18: 'opus', 19: 'vorbis',
  20: 'pcm_alaw', 21: 'pcm_mulaw', 22: 'pcm_s16le', 23: 'pcm_s16be', 24: 'pcm_s24le', 25: 'pcm_s24be', 26: 'pcm_s32le',
  27: 'pcm_s32be', 28: 'pcm_f32le' };
const F = { CORRUPT: 15, KIND: 0, WIDTH: 1, HEIGHT: 2, LAYOUT: 3, DEPTH: 4, SHIFT_X: 5, SHIFT_Y: 6, PLANES: 7, SAR_NUM: 12,
  SAR_DEN: 13, SAMPLE_RATE: 16, CHANNELS: 17, SAMPLES: 18, SAMPLE_LAYOUT: 19, BYTES: 20 };
const PIX_NAMES = { 1: 'yuv420p', 2: 'yuv422p', 3: 'yuv444p', 4: 'gray' };

const input = fs.readFileSync(0);
factory(options).then((M) => {
  if (!bench) {
    run(M);
    return;
  }
  const first = run(M);
  const warm = run(M);
  fs.writeFileSync(1, JSON.stringify({ frames: warm.frames, firstMs: first.decodeMs, decodeMs: warm.decodeMs,
    errors: first.errors + warm.errors }) + '\n');
}).catch((e) => {
  console.error('cannot load ' + name + ': ' + e);
  process.exit(1);
});

function adler32(state, bytes, off, len) {
  // av_adler32_update: Adler-32 sums carried in one 32-bit value, started from 0 by framecrc.
  let a = state & 0xffff;
  let b = state >>> 16;
  let i = off;
  const end = off + len;
  while (i < end) {
    const n = Math.min(end - i, 3800);
    for (let k = 0; k < n; k++) {
      a += bytes[i++];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// lrintf(x * 32768) with round-half-to-even, clipped to int16: libswresample's float -> s16.
function toS16(x) {
  const v = x * 32768;
  let r = Math.round(v);
  if (r - v === 0.5 && (r & 1) !== 0) r -= 1;
  return r > 32767 ? 32767 : r < -32768 ? -32768 : r;
}

// Decodes the messages of stdin; in bench mode returns {frames, decodeMs, errors} after closing the decoder.
function run(M) {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  let pos = 0;
  const streams = new Map();
  const lines = [];
  let pcm = pcmOut ? [] : null;
  let errors = 0;
  let firstError = 0;
  let benchStream;
  let decodeMs = 0;

  const i32 = () => { const v = view.getInt32(pos, true); pos += 4; return v; };
  const f64 = () => { const v = view.getFloat64(pos, true); pos += 8; return v; };
  const bytes = (n) => { const b = input.subarray(pos, pos + n); pos += n; return b; };
  const fail = (code) => { errors++; if (!firstError) firstError = code; };

  function open(s) {
    let ptr = 0;
    if (s.config.length) {
      ptr = M._malloc(s.config.length);
      M.HEAPU8.set(s.config, ptr);
    }
    s.dec = M._inlay_decoder_open(s.codec, ptr, s.config.length, s.sampleRate, s.channels);
    if (ptr) M._free(ptr);
    if (!s.dec) {
      fail(M._inlay_last_error());
      console.error('stream ' + s.index + ': cannot open the ' + CODEC_NAMES[s.codec] + ' decoder, error ' + M._inlay_last_error());
    }
  }

  function emit(s) {
    const d = s.dec;
    if (bench) {
      s.frames++;
      return;
    }
    const f = (k) => M._inlay_frame_int(d, k);
    const pts = M._inlay_frame_pts_us(d);
    if (f(F.CORRUPT)) fail(-4); // concealed errors count as decoder errors
    let crc = 0;
    let size = 0;
    let duration;
    if (f(F.KIND) === 1) {
      const w = f(F.WIDTH);
      const h = f(F.HEIGHT);
      const bps = f(F.BYTES);
      const planes = f(F.PLANES);
      for (let p = 0; p < planes; p++) {
        const pw = p === 0 ? w : -((-w) >> f(F.SHIFT_X));
        const ph = p === 0 ? h : -((-h) >> f(F.SHIFT_Y));
        const base = M._inlay_frame_plane(d, p);
        const stride = M._inlay_frame_stride(d, p);
        const rowBytes = pw * bps;
        for (let y = 0; y < ph; y++) crc = adler32(crc, M.HEAPU8, base + y * stride, rowBytes);
        size += rowBytes * ph;
      }
      if (s.alphaPlane) {
        // Alpha rows of the picture's width and height, after the colour planes.
        for (let y = 0; y < h; y++) crc = adler32(crc, s.alphaPlane.data, y * s.alphaPlane.stride, w);
        size += w * h;
        s.alphaPlane = null;
      }
      if (!s.info) {
        s.info = { kind: 'video', width: w, height: h, pix: PIX_NAMES[f(F.LAYOUT)] + (f(F.DEPTH) > 8 ? f(F.DEPTH) + 'le' : ''),
          sar: (f(F.SAR_NUM) || 1) + '/' + (f(F.SAR_DEN) || 1) };
      }
      duration = 1;
    } else {
      const n = f(F.SAMPLES);
      const ch = f(F.CHANNELS);
      const layout = f(F.SAMPLE_LAYOUT);
      const out = new Int16Array(n * ch);
      if (layout === 1 || layout === 4) {
        const planar = layout === 1;
        for (let c = 0; c < ch; c++) {
          const base = M._inlay_frame_plane(d, planar ? c : 0) >> 2;
          for (let i = 0; i < n; i++) {
            out[i * ch + c] = toS16(M.HEAPF32[planar ? base + i : base + i * ch + c]);
          }
        }
      } else if (layout === 2 || layout === 5) {
        const planar = layout === 2;
        for (let c = 0; c < ch; c++) {
          const base = M._inlay_frame_plane(d, planar ? c : 0) >> 1;
          for (let i = 0; i < n; i++) out[i * ch + c] = M.HEAP16[planar ? base + i : base + i * ch + c];
        }
      } else if (layout === 3 || layout === 6) {
        // 32-bit integers (24- and 32-bit PCM): libswresample keeps the top 16 bits.
        const planar = layout === 3;
        for (let c = 0; c < ch; c++) {
          const base = M._inlay_frame_plane(d, planar ? c : 0) >> 2;
          for (let i = 0; i < n; i++) out[i * ch + c] = M.HEAP32[planar ? base + i : base + i * ch + c] >> 16;
        }
      } else {
        fail(-2);
        return;
      }
      const b = new Uint8Array(out.buffer);
      crc = adler32(0, b, 0, b.length);
      size = b.length;
      if (pcm) pcm.push(Buffer.from(b));
      if (!s.info) s.info = { kind: 'audio', rate: f(F.SAMPLE_RATE), channels: ch };
      duration = n;
    }
    let ts;
    if (Number.isNaN(pts)) {
      ts = s.frames;
    } else if (s.info.kind === 'audio') {
      ts = Math.round(pts * s.info.rate / 1e6);
    } else {
      ts = Math.round(pts * s.tbDen / (1e6 * s.tbNum));
    }
    if (s.info.kind === 'video' && !Number.isNaN(pts)) {
      duration = 0; // filled from the next frame below
    }
    s.frames++;
    const line = { index: s.index, ts, duration, size, crc, order: lines.length };
    if (s.info.kind === 'video' && s.lastVideo && !Number.isNaN(pts)) s.lastVideo.duration = ts - s.lastVideo.ts;
    if (s.info.kind === 'video') s.lastVideo = line;
    lines.push(line);
  }

  function receiveAll(s) {
    for (;;) {
      const r = M._inlay_decoder_receive(s.dec);
      if (r === 1 || r === 2) return;
      if (r < 0) { fail(r); return; }
      emit(s);
    }
  }

  // The alpha picture of the packet about to be sent: its luma plane, copied out for emit().
  function decodeAlpha(s, data, ptsUs, dtsUs, flags) {
    if (!s.alphaDec) s.alphaDec = M._inlay_decoder_open(s.codec, 0, 0, 0, 0);
    if (!s.alphaDec) { fail(M._inlay_last_error()); return; }
    const ptr = M._inlay_decoder_packet_buffer(s.alphaDec, data.length);
    M.HEAPU8.set(data, ptr);
    const r = M._inlay_decoder_send(s.alphaDec, ptr, data.length, ptsUs, dtsUs, flags);
    if (r < 0) { fail(r); return; }
    for (;;) {
      const got = M._inlay_decoder_receive(s.alphaDec);
      if (got === 1 || got === 2) return;
      if (got < 0) { fail(got); return; }
      const w = M._inlay_frame_int(s.alphaDec, F.WIDTH);
      const h = M._inlay_frame_int(s.alphaDec, F.HEIGHT);
      const base = M._inlay_frame_plane(s.alphaDec, 0);
      const data2 = new Uint8Array(w * h);
      const stride = M._inlay_frame_stride(s.alphaDec, 0);
      for (let y = 0; y < h; y++) data2.set(M.HEAPU8.subarray(base + y * stride, base + y * stride + w), y * w);
      s.alphaPlane = { data: data2, stride: w };
    }
  }

  function send(s, data, ptsUs, dtsUs, flags, discardEndUs) {
    if (!s.dec) return;
    if (s.alpha) {
      decodeAlpha(s, s.alpha, ptsUs, dtsUs, flags);
      s.alpha = null;
    }
    const ptr = M._inlay_decoder_packet_buffer(s.dec, data.length);
    M.HEAPU8.set(data, ptr);
    if (discardEndUs > 0 && s.sampleRate > 0) {
      M._inlay_decoder_skip_next(s.dec, 0, Math.round(discardEndUs * s.sampleRate / 1e6));
    }
    const t0 = bench ? performance.now() : 0;
    const r = M._inlay_decoder_send(s.dec, ptr, data.length, ptsUs, dtsUs, flags);
    if (r < 0) fail(r);
    receiveAll(s);
    if (bench) decodeMs += performance.now() - t0;
  }

  function parseRaw(s, data) {
    let ptr = 0;
    if (data) {
      ptr = M._malloc(data.length);
      M.HEAPU8.set(data, ptr);
    }
    let off = 0;
    const len = data ? data.length : 0;
    for (;;) {
      const used = M._inlay_parser_parse(s.parser, ptr ? ptr + off : 0, len - off);
      if (used < 0) { fail(used); break; }
      off += used;
      const size = M._inlay_parser_packet_size(s.parser);
      if (size > 0) {
        const p = M._inlay_parser_packet(s.parser);
        const copy = M.HEAPU8.slice(p, p + size);
        send(s, copy, NaN, NaN, M._inlay_parser_packet_key(s.parser) ? 1 : 0, 0);
      }
      if (data ? off >= len : size === 0) break;
    }
    if (ptr) M._free(ptr);
  }

  function drain(s) {
    if (!s.dec) return;
    if (s.parser) parseRaw(s, null);
    M._inlay_decoder_drain(s.dec);
    receiveAll(s);
  }

  while (pos < input.length) {
    const type = input[pos++];
    if (type === 1) {
      const s = { index: i32(), codec: i32(), sampleRate: i32(), channels: i32(), tbNum: i32(), tbDen: i32(),
        raw: i32(), frames: 0 };
      s.config = Uint8Array.from(bytes(i32()));
      if (bench && (s.codec >= 16 || benchStream !== undefined)) continue; // bench: first video stream only
      if (bench) benchStream = s.index;
      open(s);
      if (s.raw) s.parser = M._inlay_parser_open(s.codec);
      streams.set(s.index, s);
    } else if (type === 2) {
      const s = streams.get(i32());
      if (!s) { pos += 8 + 8 + 4 + 4; const skip = i32(); pos += skip; continue; }
      const pts = f64();
      const dts = f64();
      const flags = i32();
      const discardEndUs = i32();
      send(s, bytes(i32()), pts, dts, flags, discardEndUs);
    } else if (type === 3) {
      const s = streams.get(i32());
      parseRaw(s, bytes(i32()));
    } else if (type === 4) {
      const s = streams.get(i32());
      const config = Uint8Array.from(bytes(i32()));
      if (s && s.dec && Buffer.compare(Buffer.from(config), Buffer.from(s.config)) !== 0) {
        drain(s);
        M._inlay_decoder_close(s.dec);
        s.config = config;
        open(s);
      }
    } else if (type === 6) {
      const s = streams.get(i32());
      const data = Uint8Array.from(bytes(i32()));
      if (s) s.alpha = data;
    } else if (type === 5) {
      break;
    } else {
      console.error('bad message type ' + type);
      process.exit(2);
    }
  }
  for (const s of streams.values()) {
    const t0 = performance.now();
    drain(s);
    decodeMs += performance.now() - t0;
  }
  if (bench) {
    const s = streams.get(benchStream);
    if (s && s.dec) M._inlay_decoder_close(s.dec);
    if (s && s.parser) M._inlay_parser_close(s.parser);
    return { frames: s ? s.frames : 0, decodeMs, errors };
  }

  // Headers as ffmpeg prints them, then the frames ordered by time across streams.
  const out = [];
  const sorted = [...streams.values()].sort((a, b) => a.index - b.index);
  for (const s of sorted) {
    const info = s.info;
    if (!info) continue;
    if (info.kind === 'video') {
      out.push('#tb ' + s.index + ': ' + s.tbNum + '/' + s.tbDen, '#media_type ' + s.index + ': video',
        '#codec_id ' + s.index + ': rawvideo', '#dimensions ' + s.index + ': ' + info.width + 'x' + info.height,
        '#sar ' + s.index + ': ' + info.sar);
    } else {
      out.push('#tb ' + s.index + ': 1/' + info.rate, '#media_type ' + s.index + ': audio',
        '#codec_id ' + s.index + ': pcm_s16le', '#sample_rate ' + s.index + ': ' + info.rate,
        '#channels ' + s.index + ': ' + info.channels);
    }
  }
  const seconds = (l) => {
    const s = streams.get(l.index);
    return s.info.kind === 'audio' ? l.ts / s.info.rate : l.ts * s.tbNum / s.tbDen;
  };
  lines.sort((a, b) => seconds(a) - seconds(b) || a.order - b.order);
  const pad = (v, n) => String(v).padStart(n, ' ');
  for (const l of lines) {
    out.push(l.index + ', ' + pad(l.ts, 10) + ', ' + pad(l.ts, 10) + ', ' + pad(l.duration, 8) + ', ' +
      pad(l.size, 8) + ', 0x' + l.crc.toString(16).padStart(8, '0'));
  }
  fs.writeFileSync(1, out.join('\n') + '\n');
  if (pcm) fs.writeFileSync(pcmOut, Buffer.concat(pcm));
  for (const s of streams.values()) {
    if (s.dec) M._inlay_decoder_close(s.dec);
    if (s.alphaDec) M._inlay_decoder_close(s.alphaDec);
    if (s.parser) M._inlay_parser_close(s.parser);
  }
  if (errors) {
    console.error('decoder errors: ' + errors + ' (first code ' + firstError + ')');
    process.exit(4);
  }
}
