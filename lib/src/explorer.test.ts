import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";

before(ready);
import { captureOutputs } from "./display";
import { attentionExplorerHtml, HEAD_COLORS, showAttentionExplorer } from "./explorer";
import { assertNoLeak } from "./testing";

// Two layers, two heads, three tokens; rows sum to 1.
const layer0 = [
  [[1, 0, 0], [0.5, 0.5, 0], [0.2, 0.3, 0.5]],
  [[0, 1, 0], [0, 0, 1], [0.005, 0.995, 0]],
];
const layer1 = [
  [[0.3, 0.3, 0.4], [1, 0, 0], [0, 0, 1]],
  [[0.6, 0.4, 0], [0.1, 0.8, 0.1], [0.25, 0.25, 0.5]],
];
const tokens = ["<s>", "perro", "Riley"];

const groupsOf = (html: string) => [...html.matchAll(/<g class="atn-lines" data-layer="(\d)" data-head="(\d)" stroke="([^"]+)"[^>]*?( style="display:none")?>(.*?)<\/g>/g)];

test("una línea por peso visible, un grupo por capa y cabeza, la capa 0 visible sin JavaScript", () => {
  const html = attentionExplorerHtml([layer0, layer1], tokens);
  const groups = groupsOf(html);
  assert.deepEqual(groups.map((g) => `${g[1]}/${g[2]}`), ["0/0", "0/1", "1/0", "1/1"]);
  assert.deepEqual(groups.map((g) => g[3]), [HEAD_COLORS[0], HEAD_COLORS[1], HEAD_COLORS[0], HEAD_COLORS[1]]);
  assert.deepEqual(groups.map((g) => g[4] !== undefined), [false, false, true, true]);
  const lineCount = (g: RegExpMatchArray) => (g[5].match(/<line /g) ?? []).length;
  // Layer 0, head 0: weights ≥ 0.01 are 1, 0.5, 0.5, 0.2, 0.3, 0.5 → 6 lines; head 1: 1, 1, 0.995 → 3 (0.005 is dropped).
  assert.deepEqual(groups.map(lineCount), [6, 3, 5, 8]);
  assert.match(groups[0][5], /<line data-q="2" data-k="1" [^>]*stroke-opacity="0.300"\/>/);
  assert.ok(html.includes(">&lt;s&gt;</text>"), "las fichas se escapan en el SVG");
  assert.ok(html.includes('var W = [[[[1,0,0],[0.5,0.5,0]'), "los pesos viajan al script");
  assert.ok(html.includes('\\u003cs\\u003e'), "y las fichas, en JSON seguro");
  assert.equal(html.match(/<\/script>/g)?.length, 1);
  assert.match(html, /<select class="atn-layer"><option value="0">capa 0<\/option><option value="1">capa 1<\/option><\/select>/);
  assert.match(html, /<option value="all">todas<\/option><option value="0">cabeza 0<\/option>/);
});

test("tensores [B, H, T, T] de la biblioteca, sin fugas; atención cruzada con otras fichas", () => {
  const t = tf.tensor4d([layer0, layer1]); // [B=2, H=2, T=3, T=3]
  const html = assertNoLeak(() => attentionExplorerHtml([t, t], tokens, { batchIndex: 1, layerNames: ["abajo", "arriba"] }));
  assert.deepEqual(groupsOf(html).map((g) => (g[5].match(/<line /g) ?? []).length), [5, 8, 5, 8]);
  assert.ok(html.includes(">arriba</option>"));
  t.dispose();
  const cross = attentionExplorerHtml([[[[0.5, 0.5], [0, 1], [1, 0]]]], tokens, { keyTokens: ["Riley", "dog"] });
  assert.ok(cross.includes(">dog</text>"));
});

test("errores en español si las formas no cuadran", () => {
  assert.throws(() => attentionExplorerHtml([layer0], ["a", "b"]), /los pesos de la capa 0 deben tener forma \[H, Tq, Tk\] = \[2, 2, 2\]/);
  assert.throws(() => attentionExplorerHtml([layer0, [[[1]]]], tokens), /capa 1 deben tener forma \[H, Tq, Tk\] = \[2, 3, 3\]/);
  assert.throws(() => attentionExplorerHtml([], tokens), /'layers' debe ser una lista/);
  assert.throws(() => attentionExplorerHtml([layer0], tokens, { layerNames: ["a", "b"] }), /'layerNames' debe tener 1 nombres/);
  assert.throws(() => attentionExplorerHtml([[[[3, -2]]]], ["a"], { keyTokens: ["x", "y"] }), /'layers\[0\]\[cabeza 0\]' deben ser pesos de atención, entre 0 y 1/);
});

test("showAttentionExplorer: HTML y un resumen en texto (a qué ficha atiende más cada una)", () => {
  const outs = captureOutputs(() => showAttentionExplorer([layer0, layer1], tokens));
  assert.equal(outs.length, 1);
  assert.deepEqual(Object.keys(outs[0].bundle), ["text/html", "text/plain"]);
  // Layer 0, mean of the heads: <s> → [0.5, 0.5, 0] (first max: <s>), perro → [0.25, 0.25, 0.5], Riley → [0.1025, 0.6475, 0.25].
  assert.equal(
    outs[0].bundle["text/plain"],
    [
      "Explorador de atención: 2 capa(s) × 2 cabeza(s), 3 fichas. Capa 0, media de las cabezas:",
      "  <s> → <s> (0.50)",
      "  perro → Riley (0.50)",
      "  Riley → perro (0.65)",
    ].join("\n"),
  );
});
