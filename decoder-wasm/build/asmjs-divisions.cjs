// Rewrites every division by a negative integer constant in an asm.js build so that V8's Maglev compiler
// does not deoptimise the function that holds it over and over (docs/decoder-api.md, "Divisions by
// negative constants"). wasm2js writes C's `x / -2` as `(x|0)/-2|0`; Chromium 156's Maglev compiles a
// division by a negative constant to code that fails its own int32 check, falls back to the interpreter,
// recompiles the same code and fails again: H.264's macroblock reconstruction spent most of its time that
// way. Divisions by positive constants and by variables are not affected.
//
// The rewrite is exact for every double, not only for int32 operands: a / -k equals (a / k) * -1 (IEEE
// division rounds the magnitude alone, so the sign can move out), and for k a power of two it equals
// a * -(1/k), whose reciprocal is exact.
//
// Usage: node asmjs-divisions.cjs FILE.js   (rewrites FILE.js in place; prints how many it changed)
'use strict';
const fs = require('fs');
// Debian's acorn (node-acorn, which the emscripten package depends on) lives outside node's default paths.
module.paths.push('/usr/share/nodejs');
const acorn = require('acorn');
const walk = require('acorn-walk');

const file = process.argv[2];
const src = fs.readFileSync(file, 'utf8');
const ast = acorn.parse(src, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });

/** Divisions whose right operand is a literal negative integer: [{from, to, k}]. */
const edits = [];
walk.simple(ast, {
  BinaryExpression(node) {
    const r = node.right;
    if (node.operator !== '/' || r.type !== 'UnaryExpression' || r.operator !== '-' ||
        r.argument.type !== 'Literal' || typeof r.argument.value !== 'number') {
      return;
    }
    const k = r.argument.value;
    if (!Number.isInteger(k) || k < 1) {
      return;
    }
    edits.push({ from: node.left.end, to: r.end, k });
  },
});

// From the end, so earlier offsets stay valid; the ranges never nest (each ends at a literal).
edits.sort((a, b) => b.from - a.from);
let out = src;
for (const { from, to, k } of edits) {
  // The text from the end of the left operand: parentheses that close it, the slash, the constant.
  const between = src.slice(from, to);
  const m = /^([\s)]*)\/\s*-\s*\d+$/.exec(between);
  if (!m) {
    throw new Error(`unexpected source at ${from}: ${between}`);
  }
  const closing = m[1];
  const power = (k & (k - 1)) === 0 && k <= 2 ** 30;
  out = out.slice(0, from) + closing + (power ? '*' + String(-1 / k) : '/' + k + '*-1') + out.slice(to);
}
fs.writeFileSync(file, out);
console.error(`asmjs-divisions: ${edits.length} division(s) by a negative constant rewritten in ${file}`);
