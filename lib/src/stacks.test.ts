import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { causalMask, paddingMask } from "./attention";
import { TransformerCache } from "./kv_cache";
import { TransformerDecoder, TransformerEncoder } from "./stacks";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, "float32", seed);

test("nombres como torch.nn.TransformerEncoder/Decoder; norma final solo en pre-LN (por defecto)", () => {
  const post = new TransformerEncoder({ numLayers: 2, dModel: 8, numHeads: 2, dFF: 16 });
  const pre = new TransformerDecoder({ numLayers: 1, dModel: 8, numHeads: 2, dFF: 16, normFirst: true });
  const names = Object.keys(post.stateDict());
  assert.equal(names[0], "layers.0.self_attn.in_proj_weight");
  assert.ok(names.includes("layers.1.norm2.bias"));
  assert.ok(!names.some((n) => n.startsWith("norm.")), "post-LN: sin norma final");
  assert.equal(post.norm, undefined);
  assert.deepEqual(Object.keys(pre.stateDict()).slice(-2), ["norm.weight", "norm.bias"]);
  assert.equal(pre.layers.length, 1);
  // each layer starts with its own weights
  const w = (i: number) => Array.from(post.layers[i].self_attn.in_proj_weight.dataSync().slice(0, 4));
  assert.notDeepEqual(w(0), w(1));
  const forced = new TransformerEncoder({ numLayers: 1, dModel: 8, numHeads: 2, finalNorm: true });
  assert.ok(forced.norm !== undefined);
  [post, pre, forced].forEach((m) => m.dispose());
});

test("la pila es la composición de sus capas (y la norma final)", () => {
  const enc = new TransformerEncoder({ numLayers: 2, dModel: 8, numHeads: 2, dFF: 16, normFirst: true, seed: 3 }).eval();
  const dec = new TransformerDecoder({ numLayers: 2, dModel: 8, numHeads: 2, dFF: 16, seed: 4 }).eval();
  const x = rand([2, 5, 8], 1);
  const tgt = rand([2, 3, 8], 2);
  const kpm = paddingMask([5, 3]);
  const mask = causalMask(3);
  tf.tidy(() => {
    const byHand = enc.norm!.forward(enc.layers[1].forward(enc.layers[0].forward(x, { keyPaddingMask: kpm }), { keyPaddingMask: kpm }));
    assertClose(enc.forward(x, { keyPaddingMask: kpm }), byHand, 1e-6);
    const opts = { tgtMask: mask, memoryKeyPaddingMask: kpm };
    const decByHand = dec.layers[1].forward(dec.layers[0].forward(tgt, x, opts), x, opts);
    assertClose(dec.forward(tgt, x, opts), decByHand, 1e-6);
  });
  const r = assertNoLeak(() => dec.forwardWithWeights(tgt, x, { tgtMask: mask, memoryKeyPaddingMask: kpm }), 5);
  assert.equal(r.selfWeights.length, 2);
  assert.deepEqual(r.selfWeights[1].shape, [2, 2, 3, 3]);
  assert.deepEqual(r.crossWeights[0].shape, [2, 2, 3, 5]);
  // the padded memory positions (b = 1: positions 3 and 4) get no cross-attention
  tf.tidy(() => assertClose(tf.slice(r.crossWeights[0], [1, 0, 0, 3], [1, 2, 3, 2]), tf.zeros([1, 2, 3, 2]), 1e-7));
  tf.dispose([x, tgt, kpm, mask, r.output, ...r.selfWeights, ...r.crossWeights]);
  [enc, dec].forEach((m) => m.dispose());
});

test("caché por capa: token a token igual a la pasada completa; errores en español", () => {
  const enc = new TransformerEncoder({ numLayers: 2, dModel: 8, numHeads: 2, normFirst: true, activation: "gelu", seed: 5 }).eval();
  const x = rand([1, 4, 8], 6);
  const full = enc.forward(x, { mask: causalMask(4) });
  const cache = new TransformerCache(2);
  const start = tf.memory().numTensors;
  const steps = [0, 1, 2, 3].map((t) => tf.tidy(() => enc.forward(tf.slice(x, [0, t, 0], [1, 1, 8]), { mask: causalMask(1, t + 1), cache })));
  assert.equal(tf.memory().numTensors - start, 4 + 2 * 2, "los 4 pasos, y K y V de cada capa en la caché");
  tf.tidy(() => assertClose(tf.concat(steps, 1), full, 1e-5));
  assert.throws(() => enc.forward(x, { cache: new TransformerCache(3) }), /la caché tiene 3 capas, pero la pila tiene 2/);
  assert.throws(() => new TransformerEncoder({ numLayers: 0, dModel: 8, numHeads: 2 }), /TransformerEncoder: 'numLayers' debe ser un entero ≥ 1/);
  assert.throws(() => new TransformerDecoder({ numLayers: 1, dModel: 8, numHeads: 3 }), /dModel = 8 debe ser divisible por numHeads = 3/);
  tf.dispose([x, full, ...steps]);
  cache.dispose();
  enc.dispose();
});
