import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { Gpt } from "./gpt";
import { TransformerCache } from "./kv_cache";
import { crossEntropy } from "./losses";
import { bertTiny, gptNano } from "./presets";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

const small = { vocabSize: 7, contextLength: 8, dModel: 8, numHeads: 2, numLayers: 2, dFF: 16, dropout: 0 };

test("parámetros: nombres, formas, embedding atado (o lm_head aparte) y valores por defecto", () => {
  const gpt = new Gpt(small);
  const shapes = Object.fromEntries(Object.entries(gpt.stateDict()).map(([k, v]) => [k, v.shape]));
  assert.deepEqual(shapes["wte.weight"], [7, 8]);
  assert.deepEqual(shapes["wpe.weight"], [8, 8]);
  assert.deepEqual(shapes["blocks.layers.1.linear1.weight"], [16, 8]);
  assert.deepEqual(shapes["blocks.norm.weight"], [8]);
  assert.ok(!("lm_head.weight" in shapes), "la cabeza reutiliza wte");
  assert.equal(gpt.blocks.layers[0].config.activation, "gelu");
  assert.equal(gpt.blocks.layers[0].config.normFirst, true);
  const untied = new Gpt({ ...small, tieEmbeddings: false });
  assert.deepEqual(untied.stateDict()["lm_head.weight"].shape, [7, 8]);
  assert.equal(untied.numParameters(), gpt.numParameters() + 7 * 8);
  const defaults = new Gpt({ vocabSize: 5 });
  assert.deepEqual(
    { ...defaults.config, seed: 0 },
    { kind: "gpt", vocabSize: 5, contextLength: 64, dModel: 64, numHeads: 4, numLayers: 2, dFF: 256, dropout: 0.1, layerNormEps: 1e-5, tieEmbeddings: true, seed: 0 },
  );
  const preset = new Gpt({ ...gptNano, vocabSize: 5 });
  assert.equal(preset.numParameters(), defaults.numParameters(), "gptNano son los valores por defecto");
  [gpt, untied, defaults, preset].forEach((m) => m.dispose());
});

test("a mano: con los bloques a cero, logits = LayerNorm(wte[id] + wpe[t]) · wteᵀ", () => {
  const gpt = new Gpt({ vocabSize: 3, contextLength: 2, dModel: 2, numHeads: 1, numLayers: 1, dFF: 4, dropout: 0 });
  const wte = [[1, 0], [0, 2], [-1, -1]];
  const wpe = [[0.5, 0], [0, -0.5]];
  tf.tidy(() => {
    for (const [name, p] of gpt.namedParameters()) if (name.startsWith("blocks.layers.")) p.assign(tf.zerosLike(p));
    gpt.wte.weight.assign(tf.tensor2d(wte));
    gpt.wpe.weight.assign(tf.tensor2d(wpe));
  });
  // ids [[1, 2]]: position 0 → wte[1] + wpe[0] = [0.5, 2]; position 1 → wte[2] + wpe[1] = [-1, -1.5].
  // LayerNorm of [a, b] with eps: ±(a − b) / 2 / √((a − b)²/4 + eps).
  const ln = ([a, b]: number[]) => {
    const s = Math.sqrt(((a - b) / 2) ** 2 + 1e-5);
    return [(a - b) / 2 / s, (b - a) / 2 / s];
  };
  const expected = [[0.5, 2], [-1, -1.5]].map((x) => wte.map((w) => ln(x)[0] * w[0] + ln(x)[1] * w[1]));
  const logits = assertNoLeak(() => gpt.forward([[1, 2]]), 1);
  assert.deepEqual(logits.shape, [1, 2, 3]);
  assertClose(logits, [expected], 1e-5);
  logits.dispose();
  gpt.dispose();
});

test("causal: cambiar un token futuro no cambia los logits anteriores; pesos de atención triangulares", () => {
  const gpt = new Gpt({ ...small, seed: 3 });
  const a = gpt.forward([[1, 2, 3, 4, 5]]);
  const b = gpt.forward([[1, 2, 3, 6, 0]]);
  tf.tidy(() => {
    assertClose(tf.slice(a, [0, 0, 0], [1, 3, 7]), tf.slice(b, [0, 0, 0], [1, 3, 7]), 1e-6);
    assert.ok(tf.slice(a, [0, 3, 0], [1, 1, 7]).sub(tf.slice(b, [0, 3, 0], [1, 1, 7])).abs().max().dataSync()[0] > 1e-4);
  });
  const { logits, attention } = assertNoLeak(() => gpt.forwardWithAttention([[1, 2, 3], [4, 5, 6]]), 3);
  assert.equal(attention.length, 2);
  assert.deepEqual(attention[0].shape, [2, 2, 3, 3]);
  const w = attention[1].arraySync() as number[][][][];
  for (const row of w[1][0]) assertClose(row.reduce((s, x) => s + x, 0), 1, 1e-5);
  assert.equal(w[0][1][0][1], 0);
  assert.equal(w[0][1][1][2], 0);
  tf.dispose([a, b, logits, ...attention]);
  gpt.dispose();
});

test("caché KV: prompt de golpe y luego token a token da los mismos logits que la pasada completa (1e-5)", () => {
  const gpt = new Gpt({ ...small, seed: 4 });
  const ids = [[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]];
  const full = gpt.forward(ids);
  const cache = new TransformerCache(2);
  const parts = [gpt.forward(ids.map((r) => r.slice(0, 3)), { cache })];
  for (let t = 3; t < 6; t++) parts.push(gpt.forward(ids.map((r) => [r[t]]), { cache }));
  assert.equal(cache.length, 6);
  tf.tidy(() => assertClose(tf.concat(parts, 1), full, 1e-5));
  assert.throws(() => gpt.forward([[1, 2, 3]], { cache }), /Gpt: la secuencia tiene 3 tokens \(más 6 en la caché\), más que contextLength = 8/);
  tf.dispose([full, ...parts]);
  cache.dispose();
  gpt.dispose();
});

test("un paso de entrenamiento: gradiente para cada parámetro y sin fugas", () => {
  const gpt = new Gpt({ ...small, dropout: 0.1 });
  const x = tf.tensor2d([[1, 2, 3], [3, 2, 1]], undefined, "int32");
  const y = tf.tensor2d([[2, 3, 4], [2, 1, 0]], undefined, "int32");
  assertNoLeak(() => {
    const { value, grads } = tf.variableGrads(() => crossEntropy(gpt.forward(x), y));
    assert.equal(Object.keys(grads).length, gpt.parameters().length);
    assert.ok(Math.abs(value.dataSync()[0] - Math.log(7)) < 0.5, "al principio, cerca de log V");
    tf.dispose([value, ...Object.values(grads)]);
  });
  tf.dispose([x, y]);
  gpt.dispose();
});

test("errores en español: forma, ids fuera del vocabulario, contexto, dModel/numHeads, configuración", () => {
  const gpt = new Gpt(small);
  const ids1d = tf.tensor1d([1, 2], "int32");
  assert.throws(() => gpt.forward(ids1d), /Gpt: 'ids' debe tener forma \[B, T\], pero tiene forma \[2\]/);
  assert.throws(() => gpt.forward([[1, 7]]), /Gpt: el id 7 \(posición 1 de 'ids', forma \[1, 2\]\) está fuera del vocabulario: los ids deben ser enteros entre 0 y 6/);
  assert.throws(() => gpt.forward([[1.5]]), /el id 1.5 .* no es un entero/);
  assert.throws(() => gpt.forward([[1, 2], [3]]), /todas las filas de 'ids' deben tener 2 ids \(como la fila 0\), pero la fila 1 tiene 1/);
  assert.throws(() => gpt.forward([[0, 1, 2, 3, 4, 5, 6, 0, 1]]), /la secuencia tiene 9 tokens, más que contextLength = 8/);
  assert.throws(() => new Gpt({ ...small, dModel: 10, numHeads: 3 }), /Gpt: dModel = 10 debe ser divisible por numHeads = 3/);
  assert.throws(() => new Gpt({ ...small, vocabSize: 0 }), /Gpt: 'vocabSize' debe ser un entero ≥ 1/);
  assert.throws(() => new Gpt(bertTiny as never), /Gpt: esta configuración es de un modelo "bert"/);
  ids1d.dispose();
  gpt.dispose();
});
