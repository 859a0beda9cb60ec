// Decode-speed harness for ./inlay bench decoders, run in headless Chromium. Every decoder, Inlay's and
// the peers', decodes the same elementary stream (Annex B H.264/H.265 split into access units by ffprobe's
// packet index, or IVF frames) on the page's main thread; only the decoding calls are timed, with no
// copying of pictures out. window.benchRun({decoder, file, index, codec, runs}) returns [{frames, ms}].
// After each run the page waits for window.benchBetween(), which the benchmark provides to run native
// ffmpeg in between.
(function () {
  'use strict';
  const loadScript = (src) => new Promise((ok, fail) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = ok;
    s.onerror = () => fail(new Error('cannot load ' + src));
    document.head.appendChild(s);
  });

  // Records one run's result, then waits for what the benchmark does between runs.
  async function done(results, result) {
    results.push(result);
    if (window.benchBetween) await window.benchBetween();
  }

  async function packets(file, index) {
    const bytes = new Uint8Array(await (await fetch('/media/' + file)).arrayBuffer());
    if (index) {
      const list = await (await fetch('/media/' + index)).json();
      return list.map(([pos, size]) => bytes.subarray(pos, pos + size));
    }
    // IVF: a 32-byte file header (its size at offset 6), then 12-byte frame headers (size, pts) and data.
    const view = new DataView(bytes.buffer);
    const out = [];
    out.width = view.getUint16(12, true);
    out.height = view.getUint16(14, true);
    let off = view.getUint16(6, true);
    while (off + 12 <= bytes.length) {
      const size = view.getUint32(off, true);
      out.push(bytes.subarray(off + 12, off + 12 + size));
      off += 12 + size;
    }
    return out;
  }

  const INLAY_CODECS = { h264: 1, hevc: 2, vp8: 3, vp9: 4, av1: 5 };

  async function inlay(script, codec, list, runs) {
    await loadScript('/inlay/' + script);
    const M = await createInlayDecoder({ locateFile: (p) => '/inlay/' + p, print: () => {}, printErr: () => {} });
    const max = list.reduce((m, p) => Math.max(m, p.length), 0);
    const results = [];
    for (let r = 0; r < runs; r++) {
      const dec = M._inlay_decoder_open(INLAY_CODECS[codec], 0, 0, 0, 0);
      if (!dec) throw new Error('Inlay cannot open ' + codec);
      const buf = M._malloc(max);
      let frames = 0;
      const t0 = performance.now();
      for (const p of list) {
        M.HEAPU8.set(p, buf);
        M._inlay_decoder_send(dec, buf, p.length, NaN, NaN, 0);
        while (M._inlay_decoder_receive(dec) === 0) frames++;
      }
      M._inlay_decoder_drain(dec);
      while (M._inlay_decoder_receive(dec) === 0) frames++;
      const ms = performance.now() - t0;
      M._free(buf);
      M._inlay_decoder_close(dec);
      await done(results, { frames, ms });
    }
    return results;
  }

  async function tinyh264(list, runs) {
    const TinyH264 = (await import('/peers/tinyh264/es/TinyH264.js')).default;
    const TinyH264Decoder = (await import('/peers/tinyh264/es/TinyH264Decoder.js')).default;
    const M = await TinyH264();
    const results = [];
    for (let r = 0; r < runs; r++) {
      let frames = 0;
      const d = new TinyH264Decoder(M, () => { frames++; });
      const t0 = performance.now();
      for (const p of list) d.decode(p);
      const ms = performance.now() - t0;
      d.release();
      await done(results, { frames, ms });
    }
    return results;
  }

  async function broadway(list, runs) {
    await loadScript('/peers/broadway-player/Player/Decoder.js');
    const results = [];
    for (let r = 0; r < runs; r++) {
      let frames = 0;
      const d = new Decoder({ rgb: false });
      d.onPictureDecoded = () => { frames++; };
      const t0 = performance.now();
      for (const p of list) d.decode(p);
      await done(results, { frames, ms: performance.now() - t0 });
    }
    return results;
  }

  async function ogv(name, list, runs) {
    const global = { vp8: 'OGVDecoderVideoVP8W', vp9: 'OGVDecoderVideoVP9W', vp9simd: 'OGVDecoderVideoVP9SIMDW',
      av1: 'OGVDecoderVideoAV1W', av1simd: 'OGVDecoderVideoAV1SIMDW' }[name];
    const file = { vp8: 'vp8-wasm', vp9: 'vp9-wasm', vp9simd: 'vp9-simd-wasm', av1: 'av1-wasm',
      av1simd: 'av1-simd-wasm' }[name];
    await loadScript('/peers/ogv/dist/ogv-decoder-video-' + file + '.js');
    const results = [];
    for (let r = 0; r < runs; r++) {
      // ogv's decoders take the picture format from its demuxer; here it comes from the IVF header.
      const w = list.width, h = list.height;
      const videoFormat = { width: w, height: h, chromaWidth: w >> 1, chromaHeight: h >> 1, cropLeft: 0, cropTop: 0,
        cropWidth: w, cropHeight: h, displayWidth: w, displayHeight: h, fps: 30 };
      const M = await window[global]({ locateFile: (p) => '/peers/ogv/dist/' + p, videoFormat });
      await new Promise((ok) => M.init(ok));
      // Copies of the packets: ogv takes ArrayBuffers; made before the clock starts.
      const buffers = list.map((p) => p.slice().buffer);
      let frames = 0;
      const t0 = performance.now();
      for (const b of buffers) {
        const ok = await new Promise((done) => M.processFrame(b, done));
        if (ok && M.frameBuffer) frames++;
      }
      await done(results, { frames, ms: performance.now() - t0 });
    }
    return results;
  }

  async function libav(list, runs) {
    window.LibAV = { base: '/peers/@libav.js/variant-vp9-opus/dist' };
    await loadScript('/peers/@libav.js/variant-vp9-opus/dist/libav-6.10.9.0-vp9-opus.js');
    const lib = await LibAV.LibAV({ noworker: true, nothreads: true });
    const results = [];
    for (let r = 0; r < runs; r++) {
      const [, c, pkt, frame] = await lib.ff_init_decoder('libvpx-vp9');
      const input = list.map((p) => ({ data: p }));
      const t0 = performance.now();
      const frames = await lib.ff_decode_multi(c, pkt, frame, input, { fin: true, copyoutFrame: 'ptr' });
      const ms = performance.now() - t0;
      for (const f of frames) await lib.av_frame_free_js(f);
      await lib.ff_free_decoder(c, pkt, frame);
      await done(results, { frames: frames.length, ms });
    }
    return results;
  }

  window.benchRun = async ({ decoder, file, index, codec, runs }) => {
    const list = await packets(file, index);
    switch (decoder) {
      case 'inlay-wasm': return inlay('decoder.js', codec, list, runs);
      case 'inlay-simd': return inlay('decoder-simd.js', codec, list, runs);
      case 'inlay-asmjs': return inlay('decoder-asm.js', codec, list, runs);
      case 'tinyh264': return tinyh264(list, runs);
      case 'broadway': return broadway(list, runs);
      case 'ogv': return ogv(codec, list, runs);
      case 'ogv-simd': return ogv(codec + 'simd', list, runs);
      case 'libav.js': return libav(list, runs);
      default: throw new Error('no decoder ' + decoder);
    }
  };
})();
