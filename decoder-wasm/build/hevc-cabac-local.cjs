// Rewrites a copy of FFmpeg's libavcodec/hevc_cabac.c so that HEVC's residual coding works on a local
// copy of the arithmetic decoder's state (range, offset, read pointer) instead of the one in the decoder's
// context, which every context-variable update (a byte store) might overwrite as far as the compiler can
// tell. See hevc_cabac_locals in link.sh.
//
// Usage: node hevc-cabac-local.cjs IN OUT
// Every edit checks that its text occurs as expected; anything else stops the build, so that a new FFmpeg
// version is looked at rather than silently mis-built.
'use strict';
const fs = require('fs');
const [input, output] = process.argv.slice(2);
let text = fs.readFileSync(input, 'utf8');

function fail(msg) {
  console.error(`hevc-cabac-local: ${msg} in ${input}`);
  process.exit(1);
}

function indexOnce(hay, needle) {
  const i = hay.indexOf(needle);
  if (i < 0 || hay.indexOf(needle, i + 1) >= 0) fail(`'${needle}' is not there exactly once`);
  return i;
}

// The region: from the first helper only residual coding calls to the end of ff_hevc_hls_residual_coding.
const start = indexOnce(text, 'static int hevc_transform_skip_flag_decode(HEVCContext *s, int c_idx)');
const fnHead = 'void ff_hevc_hls_residual_coding(HEVCContext *s, int x0, int y0,';
const fnStart = indexOnce(text, fnHead);
const fnEnd = text.indexOf('\n}\n', fnStart);
if (fnEnd < 0) fail('no end of ff_hevc_hls_residual_coding');
// Two functions inside the region are called from hevcdec.c (cross-component prediction, between
// residual codings) and keep working on the decoder's context.
const keepStart = indexOnce(text, 'int ff_hevc_log2_res_scale_abs(HEVCContext *s, int idx) {');
const keepEnd = text.indexOf('\n}\n', indexOnce(text, 'int ff_hevc_res_scale_sign_flag(HEVCContext *s, int idx) {'));
if (!(start < keepStart && keepEnd < fnStart)) fail('the functions are not in the expected order');

// The static helpers of the region (each called with s as first argument) take the copy and the context
// variables as added parameters and are all inlined, so that the copy is a local of
// ff_hevc_hls_residual_coding whose address never escapes and the compiler keeps it in registers.
const helpers = [];
for (const part of [text.slice(start, keepStart), text.slice(keepEnd, fnStart)]) {
  for (const m of part.matchAll(/^static (?:av_always_inline )?int\s+(\w+)\(HEVCContext \*s,|^static av_always_inline void (\w+)\(HEVCContext \*s,/gm)) {
    helpers.push(m[1] || m[2]);
  }
}
if (helpers.length !== 12) fail(`expected 12 helpers of residual coding, found ${helpers.length}: ${helpers}`);

function rewrite(part) {
  const bins = (part.match(/\bGET_CABAC\(/g) || []).length;
  const bypass = (part.match(/&s->HEVClc->cc\b/g) || []).length;
  part = part.replace(/\bGET_CABAC\(/g, 'LOCAL_GET_CABAC(').replace(/&s->HEVClc->cc\b/g, 'cc_');
  part = part.replace(/^static (av_always_inline )?(int|void)(\s+)(\w+)\(HEVCContext \*s,/gm,
    (all, inl, type, sp, name) => helpers.includes(name)
      ? `static av_always_inline ${type}${sp}${name}(HEVCContext *s, CABACContext *cc_, uint8_t *st_,` : all);
  for (const name of helpers) {
    part = part.replace(new RegExp(`\\b${name}\\(s, `, 'g'), `${name}(s, cc_, st_, `);
  }
  return { bins, bypass, text: part };
}
const a = rewrite(text.slice(start, keepStart));
const b = rewrite(text.slice(keepEnd, fnEnd));
// Residual coding's syntax elements: 3 flags before the kept functions; after them the last-position
// prefixes (2), coded-sub-block and significance flags (3), greater-1 and greater-2 flags (2) read as
// context-coded bins; the bypass bins of the last-position suffix (2), the remaining level (3) and the signs (1).
if (a.bins !== 3 || a.bypass !== 0 || b.bins !== 7 || b.bypass !== 6) {
  fail(`unexpected counts of decoder uses (${a.bins}, ${a.bypass}, ${b.bins}, ${b.bypass})`);
}
for (const name of helpers) {
  if (!new RegExp(`\\b${name}\\(s, cc_, st_, `).test(a.text + b.text)) fail(`no call of ${name} rewritten`);
}
if (/->cc\b|cabac_state/.test(a.text + b.text)) fail('residual coding still reaches the context\'s decoder');
let body = b.text;
const decl = '    HEVCLocalContext *lc = s->HEVClc;\n';
const d = indexOnce(body.slice(body.indexOf(fnHead)), decl) + body.indexOf(fnHead) + decl.length;
body = body.slice(0, d) + '    CABACContext local_cc = lc->cc, *const cc_ = &local_cc;\n    uint8_t *const st_ = lc->cabac_state;\n' + body.slice(d) +
  '\n    lc->cc = local_cc;';

const prologue = `
/* Inlay: residual coding works on a local copy of the arithmetic decoder (see hevc_cabac_locals in
 * Inlay's link.sh). */
#define LOCAL_GET_CABAC(ctx) get_cabac(cc_, &st_[ctx])

`;
text = text.slice(0, start) + prologue + a.text + text.slice(keepStart, keepEnd) + body + text.slice(fnEnd);
fs.writeFileSync(output, text);
