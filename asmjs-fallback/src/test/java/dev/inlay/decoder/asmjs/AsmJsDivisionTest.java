package dev.inlay.decoder.asmjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.decoder.DecoderConformanceTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The asm.js builds hold no division by a negative constant, which Chromium's Maglev compiler deoptimises
 * without end (decoder-wasm/build/asmjs-divisions.cjs rewrites them at link time), and that rewrite gives
 * the same numbers as the division it replaces.
 */
class AsmJsDivisionTest {
  private static final Path SCRIPT = Path.of("../decoder-wasm/build/asmjs-divisions.cjs");
  /** A division whose right operand is a negative number, as wasm2js writes it: {@code (x|0)/-2|0}. */
  private static final Pattern NEGATIVE_DIVISOR = Pattern.compile("[)\\w$]\\s*/\\s*-\\s*\\d");

  @ParameterizedTest
  @ValueSource(strings = {"decoder-asm.js", "decoder-flv-asm.js", "decoder-webm-asm.js"})
  void buildsHoldNoDivisionByANegativeConstant(String name) throws IOException {
    String js = Files.readString(DecoderConformanceTest.DECODERS.resolve(name));
    Matcher m = NEGATIVE_DIVISOR.matcher(js);
    assertTrue(!m.find(), () -> name + " divides by a negative constant at " + m.start() + ": "
        + js.substring(Math.max(0, m.start() - 40), Math.min(js.length(), m.end() + 20)));
  }

  @Test
  void rewriteKeepsEveryQuotient(@TempDir Path dir) throws Exception {
    // Functions in wasm2js's shape, including parenthesised and compound left operands and a quotient
    // read as unsigned; each is checked against the same source left alone.
    String functions = """
        var F = [
          function (x) { return (x|0)/-2|0; },
          function (x) { return (x|0)/-1|0; },
          function (x) { return (x|0)/-3|0; },
          function (x) { return (x|0)/-8|0; },
          function (x) { return (x|0)/-7|0; },
          function (x) { return (x|0)/-1073741824|0; },
          function (x) { return ((x+7|0)/-8|0)+x|0; },
          function (x) { return (x|0)/-2>>>0; },
          function (x) { return Math.imul((x-1|0)/-2|0, 3); },
          function (x) { return x/-2*3; },
          function (x) { return x / - 5; },
          function (x) { return (x|0)/2|0; },
        ];
        """;
    Path original = dir.resolve("original.js");
    Path rewritten = dir.resolve("rewritten.js");
    Files.writeString(original, functions);
    Files.writeString(rewritten, functions);
    Process rewrite = new ProcessBuilder("node", SCRIPT.toString(), rewritten.toString()).redirectErrorStream(true)
        .start();
    String log = new String(rewrite.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(rewrite.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, rewrite.exitValue(), log);
    assertTrue(log.contains("11 division(s)"), log);
    String after = Files.readString(rewritten);
    assertTrue(!NEGATIVE_DIVISOR.matcher(after).find(), after);

    String check = """
        const fs = require('fs');
        const load = (f) => new Function(fs.readFileSync(f, 'utf8') + '; return F;')();
        const a = load(process.argv[2]), b = load(process.argv[3]);
        const xs = [0, 1, -1, 2, -2, 3, -3, 7, -7, 8, -8, 2147483647, -2147483648, 1073741824, -1073741825, 0.5, -0.5];
        let seed = 1;
        for (let i = 0; i < 200000; i++) { seed = Math.imul(seed, 1103515245) + 12345 | 0; xs.push(seed); }
        let bad = 0;
        a.forEach((f, i) => xs.forEach((x) => {
          if (!Object.is(f(x), b[i](x))) { if (bad++ < 5) console.log('function ' + i + ' x=' + x + ': ' + f(x) + ' != ' + b[i](x)); }
        }));
        console.log(bad === 0 ? 'same' : bad + ' differ');
        process.exit(bad === 0 ? 0 : 1);
        """;
    Path checker = dir.resolve("check.cjs");
    Files.writeString(checker, check);
    Process node = new ProcessBuilder("node", checker.toString(), original.toString(), rewritten.toString())
        .redirectErrorStream(true).start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, node.exitValue(), out + "\n" + after);
  }
}
