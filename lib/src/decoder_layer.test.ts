import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { causalMask, paddingMask } from "./attention";
import { TransformerDecoderLayer } from "./decoder_layer";
import { TransformerCache } from "./kv_cache";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, "float32", seed);

test("nombres de parámetros de PyTorch (TransformerDecoderLayer)", () => {
  const layer = new TransformerDecoderLayer({ dModel: 4, numHeads: 2, dFF: 8 });
  assert.deepEqual(Object.keys(layer.stateDict()), [
    "self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
    "multihead_attn.in_proj_weight", "multihead_attn.in_proj_bias", "multihead_attn.out_proj.weight", "multihead_attn.out_proj.bias",
    "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
    "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias", "norm3.weight", "norm3.bias",
  ]);
  layer.dispose();
});

test("las consultas de la atención cruzada vienen del decodificador: la salida tiene la longitud del destino", () => {
  const layer = new TransformerDecoderLayer({ dModel: 8, numHeads: 2, seed: 1 }).eval();
  const tgt = rand([2, 3, 8], 1);
  const memory = rand([2, 6, 8], 2);
  const tgtMask = causalMask(3);
  const r = assertNoLeak(() => layer.forwardWithWeights(tgt, memory, { tgtMask }), 3);
  assert.deepEqual(r.output.shape, [2, 3, 8]);
  assert.deepEqual(r.selfWeights.shape, [2, 2, 3, 3]);
  assert.deepEqual(r.crossWeights.shape, [2, 2, 3, 6]); // [B, H, Tt, Ts]: una fila por posición del destino
  tf.dispose([tgt, memory, tgtMask, r.output, r.selfWeights, r.crossWeights]);
  layer.dispose();
});

test("decodificación incremental con caché (self crece, cross se llena una vez) igual a la pasada completa", () => {
  for (const normFirst of [false, true]) {
    const layers = [0, 1].map((i) => new TransformerDecoderLayer({ dModel: 8, numHeads: 2, dFF: 16, normFirst, seed: 10 + i }).eval());
    const tgt = rand([2, 4, 8], 3);
    const memory = rand([2, 5, 8], 4);
    const memKpm = paddingMask([5, 3]);
    // dos capas apiladas, pasada completa con máscara causal
    const full = tf.tidy(() => layers.reduce((h, l) => l.forward(h, memory, { tgtMask: causalMask(4), memoryKeyPaddingMask: memKpm }), tgt as tf.Tensor));
    const start = tf.memory().numTensors;
    const cache = new TransformerCache(2);
    const steps: tf.Tensor[] = [];
    for (let t = 0; t < 4; t++) {
      steps.push(
        tf.tidy(() => {
          const xt = tf.slice(tgt, [0, t, 0], [2, 1, 8]);
          return layers.reduce((h, l, i) => l.forward(h, memory, { memoryKeyPaddingMask: memKpm, cache: cache.layers[i] }), xt as tf.Tensor);
        }),
      );
      assert.equal(cache.length, t + 1);
      assert.equal(cache.layers[1].cross.length, 5);
    }
    const stepped = tf.concat(steps, 1);
    assertClose(stepped, full, 1e-5, 0, normFirst ? "pre-LN" : "post-LN");
    tf.dispose([stepped, ...steps]);
    cache.dispose();
    assert.equal(tf.memory().numTensors, start);
    tf.dispose([tgt, memory, memKpm, full]);
    layers.forEach((l) => l.dispose());
  }
});

test("errores en español y sin fugas en la pasada de gradientes", () => {
  const layer = new TransformerDecoderLayer({ dModel: 8, numHeads: 2, seed: 2 });
  const tgt = rand([2, 3, 8], 5);
  const memory = rand([2, 4, 8], 6);
  assertNoLeak(() => {
    const { value, grads } = tf.variableGrads(() => layer.forward(tgt, memory, { tgtMask: causalMask(3) }).square().mean() as tf.Scalar);
    assert.equal(Object.keys(grads).length, 18);
    tf.dispose([value, ...Object.values(grads)]);
  });
  const wrongBatch = tf.zeros([3, 4, 8]);
  assert.throws(() => layer.forward(tgt, wrongBatch), /'memory' debe tener el mismo lote B = 2 que 'tgt', pero tiene forma \[3, 4, 8\]/);
  assert.throws(() => layer.forward(tgt, tf.zeros([2, 4, 6])), /'memory' debe tener forma \[B, T, D\] con D \(dModel\) = 8/);
  assert.throws(() => layer.forward(tgt, memory, { memoryKeyPaddingMask: paddingMask([3, 3]) }), /'keyPaddingMask' debe tener forma \[2, 4\] \[B, Tk\], pero tiene forma \[2, 3\]/);
  assert.throws(() => layer.forward(tgt, memory, { tgtMask: causalMask(4) }), /'mask' debe tener forma \[3, 3\]/);
  tf.dispose([tgt, memory, wrongBatch]);
  layer.dispose();
});
