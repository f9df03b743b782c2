import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { KVCache, LayerCache, TransformerCache } from "./kv_cache";
import { assertClose } from "./testing";

before(ready);

test("KVCache 'self' concatena en el eje del tiempo y es dueña de sus tensores", () => {
  const start = tf.memory().numTensors;
  const cache = new KVCache();
  assert.equal(cache.length, 0);
  assert.ok(cache.isEmpty);
  const k1 = tf.ones([1, 2, 1, 3]) as tf.Tensor4D;
  const v1 = tf.zeros([1, 2, 1, 3]) as tf.Tensor4D;
  cache.update(k1, v1);
  tf.dispose([k1, v1]); // la caché guarda su propia referencia
  const k2 = tf.fill([1, 2, 2, 3], 2) as tf.Tensor4D;
  const { keys, values } = cache.update(k2, k2);
  assert.equal(cache.length, 3);
  assert.deepEqual(keys.shape, [1, 2, 3, 3]);
  tf.tidy(() => {
    assertClose(tf.slice(keys, [0, 0, 0, 0], [1, 1, 3, 1]).reshape([3]), [1, 2, 2]);
    assertClose(tf.slice(values, [0, 1, 0, 0], [1, 1, 3, 1]).reshape([3]), [0, 2, 2]);
  });
  const bad = tf.ones([1, 3, 1, 3]) as tf.Tensor4D;
  assert.throws(() => cache.update(bad, bad), /las claves nuevas deben tener forma \[1, 2, Tnew, 3\]/);
  tf.dispose([k2, bad]);
  cache.dispose();
  assert.equal(cache.length, 0);
  assert.equal(tf.memory().numTensors, start);
});

test("LayerCache y TransformerCache: una caché por capa, longitud y dispose", () => {
  const start = tf.memory().numTensors;
  const stack = new TransformerCache(3);
  assert.equal(stack.layers.length, 3);
  assert.ok(stack.layers[0] instanceof LayerCache);
  assert.equal(stack.layers[1].self.kind, "self");
  assert.equal(stack.layers[1].cross.kind, "cross");
  const k = tf.ones([2, 1, 4, 2]) as tf.Tensor4D;
  for (const layer of stack.layers) {
    layer.self.update(k, k);
    layer.cross.update(k, k);
  }
  k.dispose();
  assert.equal(stack.length, 4);
  stack.dispose();
  assert.equal(stack.length, 0);
  assert.equal(tf.memory().numTensors, start);
  assert.throws(() => new TransformerCache(0), /'numLayers' debe ser un entero ≥ 1/);
  assert.throws(() => new KVCache("otra" as "self"), /'kind' debe ser "self" o "cross"/);
});
