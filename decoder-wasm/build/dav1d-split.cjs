// Splits dav1d's block decoder, decode_b() in src/decode.c, into functions small enough for V8 to optimise
// once the asm.js build turns them into JavaScript (docs/decoder-api.md, "The asm.js build and V8's
// function size limit"). decode_b is one C function of some 1,400 lines; through wasm2js it became one
// JavaScript function of about 200 KB, which V8 leaves to its interpreter and baseline compiler.
//
// Each part named below (a branch of an if/else chain, or the tail of a block from a comment line to the
// block's closing brace) moves, text unchanged, into a new static function placed before decode_b. The new
// function takes decode_b's parameters, the block `b`, the segmentation data `seg` and `seg_pred`, plus the
// few locals of the enclosing block that the part uses (listed per part); the part writes to locals only
// through pointers, via a #define of the local's name. It recomputes decode_b's constant prelude (the
// block's position and size), which costs a few loads per call. It returns 1 when the part runs to its
// end, and the part's own `return 0` or `return -1` otherwise, which the call site passes on.
//
// The calls go through a volatile function pointer: Binaryen inlines a function with one caller back into
// it, which would undo the split.
//
// Every anchor must match exactly once inside decode_b, and a moved part may contain no other return, or
// the script stops: a new dav1d version must be looked at, not silently mis-built. The compiler checks the
// rest (a local a part uses but is not given is an undeclared name; a write to one given by value is a
// write to a const).
//
// Usage: node dav1d-split.cjs DAV1D_SOURCE/src/decode.c   (rewrites the file in place)
'use strict';
const fs = require('fs');

const file = process.argv[2];
const lines = fs.readFileSync(file, 'utf8').split('\n');

function fail(message) {
  console.error(`dav1d-split: ${message}`);
  process.exit(1);
}

const indentOf = (line) => line.length - line.trimStart().length;

/** Index of decode_b's first line, of its opening brace and of its closing brace. */
function decodeB() {
  const start = lines.indexOf('static int decode_b(Dav1dTaskContext *const t,');
  if (start < 0 || lines.indexOf('static int decode_b(Dav1dTaskContext *const t,', start + 1) >= 0) {
    fail('decode_b() not found exactly once');
  }
  const open = lines.indexOf('{', start);
  const close = lines.indexOf('}', open);
  return { start, open, close };
}

/** The index of the one line inside decode_b equal to text (after the given line, if any). */
function find(text, after) {
  const { open, close } = decodeB();
  const from = after === undefined ? open : after + 1;
  const hits = [];
  for (let i = from; i < close; i++) {
    if (lines[i] === text) hits.push(i);
  }
  if (hits.length !== 1) fail(`'${text.trim()}' occurs ${hits.length} times in decode_b, expected once`);
  return hits[0];
}

// decode_b's parameters, and its prelude: the constants from its first line to has_chroma, less the
// declaration of b (which becomes a parameter), plus cw4/ch4 from later on.
const params = ['Dav1dTaskContext *const t', 'const enum BlockLevel bl', 'const enum BlockSize bs',
  'const enum BlockPartition bp', 'const enum EdgeFlags intra_edge_flags', 'Av1Block *const b',
  'const Dav1dSegmentationData *const seg', 'const int seg_pred'];
const args = ['t', 'bl', 'bs', 'bp', 'intra_edge_flags', 'b', 'seg', 'seg_pred'];
const prelude = (() => {
  const { open } = decodeB();
  const first = open + 1;
  if (lines[first] !== '    Dav1dTileState *const ts = t->ts;') fail('decode_b no longer starts with ts');
  const last = find('                           (bh4 > ss_ver || t->by & 1);');
  const out = [];
  for (let i = first; i <= last; i++) {
    if (lines[i].startsWith('    Av1Block b_mem, *const b')) {
      i++;   // its continuation line
      continue;
    }
    out.push(lines[i]);
  }
  if (out.length !== last - first - 1) fail('the declaration of b is not two lines any more');
  out.push(lines[find('    const int cw4 = (w4 + ss_hor) >> ss_hor, ch4 = (h4 + ss_ver) >> ss_ver;')]);
  return out;
})();

const moved = [];   // the new functions' text, in the order they must appear

/**
 * Moves lines [from, to) of decode_b into a new function `name` and puts a call in their place.
 * extras: [{ decl, arg }] for locals read, [{ decl, arg, alias }] for locals written (decl a pointer,
 * alias the local's name, which the part keeps using).
 */
function move(name, from, to, extras = []) {
  const body = lines.slice(from, to);
  const depth = body.join('\n').replace(/\/\/.*$|'.'/gm, '').split('').reduce(
    (d, c) => d + (c === '{') - (c === '}'), 0);
  if (depth !== 0) fail(`${name}: the part's braces do not balance`);
  for (const line of body) {
    if (line.includes('_at(') && line.endsWith('if (res != 1) return res; }')) continue;   // an inner call
    const m = line.match(/\breturn\b([^;]*);/);
    if (m && !/^\s*(0|-1)\s*$/.test(m[1])) fail(`${name}: a moved part may only return 0 or -1: ${line.trim()}`);
  }
  const indent = ' '.repeat(indentOf(body.find((l) => l.trim() !== '' && !l.startsWith('#'))));
  const aliases = extras.filter((e) => e.alias);
  const decls = params.concat(extras.map((e) => e.decl));
  moved.push(
    `static int ${name}(${decls.join(',\n    ')})\n{\n` +
    aliases.map((e) => `#define ${e.alias} (*${e.arg.slice(1)}_ptr)\n`).join('') +
    prelude.join('\n') + '\n\n' +
    body.join('\n') + '\n' +
    '    return 1;\n' +
    aliases.map((e) => `#undef ${e.alias}\n`).join('') +
    '}\n' +
    `static int (*volatile const ${name}_at)(${decls.join(', ')}) = ${name};\n`);
  const call = `${indent}{ const int res = ${name}_at(${args.concat(extras.map((e) => e.arg)).join(', ')}); ` +
    'if (res != 1) return res; }';
  lines.splice(from, to - from, call);
}

/** Moves the rest of the block from the line `anchor` to its closing brace. */
function moveTail(name, anchor, extras) {
  const from = find(anchor);
  const indent = indentOf(lines[from]);
  const { close } = decodeB();
  let to = from + 1;
  while (!(indentOf(lines[to]) < indent && lines[to].trim().startsWith('}'))) {
    if (++to >= close) fail(`'${anchor.trim()}': no end of its block inside decode_b`);
  }
  move(name, from, to, extras);
}

/**
 * Moves each branch body of the if/else-if/else chain that starts at the line `anchor` into the functions
 * `names`, in order.
 */
function moveBranches(names, anchor, extras, after) {
  const start = find(anchor, after);
  const indent = indentOf(lines[start]);
  const heads = [start];
  const { close } = decodeB();
  for (let i = start + 1; ; i++) {
    if (i >= close) fail(`'${anchor.trim()}': no closing brace inside decode_b`);
    if (indentOf(lines[i]) === indent && lines[i].trim().startsWith('}')) {
      heads.push(i);
      if (lines[i].trim() === '}') break;
    }
  }
  if (heads.length !== names.length + 1) fail(`'${anchor.trim()}' has ${heads.length - 1} branches, expected ${names.length}`);
  // From the last branch back, so that the earlier lines' indexes stay valid.
  for (let k = names.length - 1; k >= 0; k--) move(names[k], heads[k] + 1, heads[k + 1], extras);
}

const isComp = { decl: 'const int is_comp', arg: 'is_comp' };
const subpel = { decl: 'int *const has_subpel_filter_ptr', arg: '&has_subpel_filter', alias: 'has_subpel_filter' };

// Innermost parts first: the outer parts then carry calls, not text.
moveTail('decode_b_intra_ctx', '        // update contexts',
  [{ decl: 'const TxfmInfo *const t_dim', arg: 't_dim' }]);
moveTail('decode_b_inter_ctx', '        // context updates',
  [isComp, { decl: 'const enum Dav1dFilterMode *const filter', arg: 'filter' }]);
// The second of the inter branch's two `if (b->skip_mode)` chains: the one that reads the references.
const skipRefs = find('            b->ref[0] = f->frame_hdr->skip_mode_refs[0];');
moveBranches(['decode_b_inter_skip', 'decode_b_inter_comp', 'decode_b_inter_single'],
  '        if (b->skip_mode) {', [isComp, subpel], skipRefs - 2);
moveBranches(['decode_b_intra', 'decode_b_intrabc', 'decode_b_inter'], '    if (b->intra) {', []);

const { start } = decodeB();
lines.splice(start, 0, ...moved.join('\n').split('\n'));
fs.writeFileSync(file, lines.join('\n'));
console.log(`dav1d-split: decode_b split into ${moved.length} functions`);
