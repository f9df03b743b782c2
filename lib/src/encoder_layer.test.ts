import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { causalMask, paddingMask } from "./attention";
import { TransformerEncoderLayer } from "./encoder_layer";
import { LayerCache } from "./kv_cache";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, "float32", seed);

/** LayerNorm of each row in double precision (weight 1, bias 0, eps 1e-5). */
const layerNormRef = (rows: number[][]) =>
  rows.map((r) => {
    const m = r.reduce((a, b) => a + b, 0) / r.length;
    const v = r.reduce((a, b) => a + (b - m) ** 2, 0) / r.length;
    return r.map((x) => (x - m) / Math.sqrt(v + 1e-5));
  });

/** Sets every parameter of the attention and feed-forward blocks to zero (norms stay 1 and 0). */
function zeroBranches(layer: TransformerEncoderLayer): void {
  tf.tidy(() => {
    for (const [name, p] of layer.namedParameters()) if (!name.startsWith("norm")) p.assign(tf.zerosLike(p));
  });
}

test("nombres de parámetros de PyTorch (TransformerEncoderLayer)", () => {
  const layer = new TransformerEncoderLayer({ dModel: 8, numHeads: 2, dFF: 16 });
  assert.deepEqual(
    Object.entries(layer.stateDict()).map(([k, v]) => `${k} ${v.shape}`),
    [
      "self_attn.in_proj_weight 24,8", "self_attn.in_proj_bias 24", "self_attn.out_proj.weight 8,8", "self_attn.out_proj.bias 8",
      "linear1.weight 16,8", "linear1.bias 16", "linear2.weight 8,16", "linear2.bias 8",
      "norm1.weight 8", "norm1.bias 8", "norm2.weight 8", "norm2.bias 8",
    ],
  );
  layer.dispose();
});

test("a mano: con ramas nulas, post-LN da norm2(norm1(x)) y pre-LN deja x igual", () => {
  const x = rand([1, 3, 4], 1);
  const rows = (x.arraySync() as number[][][])[0];
  for (const normFirst of [false, true]) {
    const layer = new TransformerEncoderLayer({ dModel: 4, numHeads: 2, dFF: 8, normFirst }).eval();
    zeroBranches(layer);
    const y = layer.forward(x);
    assertClose(y, [normFirst ? rows : layerNormRef(layerNormRef(rows))], 1e-5);
    y.dispose();
    layer.dispose();
  }
  x.dispose();
});

test("entrenamiento con dropout: distinto de eval, reproducible con la misma semilla", () => {
  const x = rand([2, 4, 8], 2);
  const [a, b] = [1, 2].map(() => new TransformerEncoderLayer({ dModel: 8, numHeads: 2, dropout: 0.3, seed: 5 }));
  const [ya, yb] = [a.forward(x), b.forward(x)];
  assertClose(ya, yb, 0);
  a.eval();
  const ye = a.forward(x);
  assert.ok(tf.tidy(() => tf.sub(ya, ye).abs().max().dataSync()[0]) > 1e-3);
  tf.dispose([x, ya, yb, ye]);
  [a, b].forEach((l) => l.dispose());
});

test("bloque GPT (pre-LN, causal) con caché: token a token igual a la pasada completa", () => {
  const layer = new TransformerEncoderLayer({ dModel: 8, numHeads: 2, dFF: 16, activation: "gelu", normFirst: true, seed: 3 }).eval();
  const x = rand([2, 5, 8], 4);
  const full = layer.forward(x, { mask: causalMask(5) });
  const cache = new LayerCache();
  const steps: tf.Tensor[] = [];
  for (let t = 0; t < 5; t++) {
    const xt = tf.slice(x, [0, t, 0], [2, 1, 8]);
    steps.push(layer.forward(xt, { cache })); // one new token sees every cached one: no mask needed
    xt.dispose();
  }
  assert.equal(cache.length, 5);
  const stepped = tf.concat(steps, 1);
  assertClose(stepped, full, 1e-5);
  tf.dispose([x, full, stepped, ...steps]);
  cache.dispose();
  layer.dispose();
});

test("pesos de atención, errores en español, sin fugas hacia delante ni hacia atrás", () => {
  const layer = new TransformerEncoderLayer({ dModel: 8, numHeads: 4, seed: 6 });
  const x = rand([2, 3, 8], 7);
  const kpm = paddingMask([3, 2]);
  const { output, weights } = assertNoLeak(() => layer.forwardWithWeights(x, { keyPaddingMask: kpm }), 2);
  assert.deepEqual(output.shape, [2, 3, 8]);
  assert.deepEqual(weights.shape, [2, 4, 3, 3]);
  assertNoLeak(() => {
    const { value, grads } = tf.variableGrads(() => layer.forward(x, { keyPaddingMask: kpm }).square().mean() as tf.Scalar);
    assert.equal(Object.keys(grads).length, 12);
    tf.dispose([value, ...Object.values(grads)]);
  });
  assert.throws(() => layer.forward(tf.zeros([2, 3, 6])), /TransformerEncoderLayer: 'x' debe tener forma \[B, T, D\] con D \(dModel\) = 8, pero tiene forma \[2, 3, 6\]/);
  assert.throws(() => layer.forward(tf.zeros([3, 8])), /'x' debe tener forma \[B, T, D=8\]/);
  assert.throws(() => layer.forward(x, { mask: causalMask(4) }), /'mask' debe tener forma \[3, 3\]/);
  assert.throws(() => new TransformerEncoderLayer({ dModel: 8, numHeads: 3 }), /dModel = 8 debe ser divisible por numHeads = 3/);
  assert.throws(() => new TransformerEncoderLayer({ dModel: 8, numHeads: 2, activation: "swish" as "relu" }), /'activation' debe ser uno de "relu", "gelu"/);
  tf.dispose([x, kpm, output, weights]);
  layer.dispose();
});
