import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "../backend";
import { assertNoLeak } from "../testing";
import { toSerial, fromSerial, encodeSerial, decodeSerial, describeSerial, formatNumber, Serial } from "./serial";

before(ready);

test("toSerial: números, especiales, listas, objetos, undefined y lo no comparable", () => {
  assert.deepEqual(toSerial([1, NaN, -Infinity, "a", true, null]), [
    1,
    { $: "number", value: "NaN" },
    { $: "number", value: "-Infinity" },
    "a",
    true,
    null,
  ]);
  assert.deepEqual(toSerial({ pesos: [0.5, 0.5], n: undefined }), {
    $: "object",
    entries: { pesos: [0.5, 0.5], n: { $: "undefined" } },
  });
  assert.deepEqual(toSerial(new Float32Array([1, 2])), [1, 2]);
  assert.deepEqual(toSerial(() => 1), { $: "unsupported", description: "una función" });
  assert.deepEqual(toSerial(new Map()), { $: "unsupported", description: "un objeto de tipo Map" });
  // A key named __proto__ stays a key.
  const odd = JSON.parse('{"__proto__": 3}');
  const s = toSerial(odd) as { entries: Record<string, Serial> };
  assert.deepEqual(Object.keys(s.entries), ["__proto__"]);
});

test("toSerial de un tensor: forma, dtype y valores (NaN incluido), sin fugas", () => {
  const t = tf.tensor2d([[1, NaN], [Infinity, 4]]);
  const s = assertNoLeak(() => toSerial(t));
  assert.deepEqual(s, { $: "tensor", shape: [2, 2], dtype: "float32", values: [1, "NaN", "Infinity", 4] });
  const back = fromSerial(s) as tf.Tensor;
  assert.deepEqual(back.shape, [2, 2]);
  assert.deepEqual(Array.from(back.dataSync()), [1, NaN, Infinity, 4]);
  tf.dispose([t, back]);
  const b = tf.tensor1d([1, 0], "bool");
  const sb = toSerial(b);
  assert.deepEqual(sb, { $: "tensor", shape: [2], dtype: "bool", values: [1, 0] });
  const bb = fromSerial(sb) as tf.Tensor;
  assert.equal(bb.dtype, "bool");
  tf.dispose([b, bb]);
});

test("toSerial corta valores enormes o circulares con un error en español", () => {
  assert.throws(() => toSerial(new Array(20).fill(1), { maxElements: 10 }), /demasiado grande \(más de 10 números\)/);
  const loop: unknown[] = [];
  loop.push(loop);
  assert.throws(() => toSerial(loop), /anidado a más de 32 niveles/);
});

test("encodeSerial no se deja engañar por JSON.stringify ni toJSON parcheados", () => {
  const value = toSerial({ a: [1, 2.5, { $x: "y" }], b: "c\"d" });
  const expected = JSON.stringify(value);
  const originalStringify = JSON.stringify;
  const originalIsArray = Array.isArray;
  const proto = Object.prototype as { toJSON?: () => string };
  try {
    JSON.stringify = () => "hackeado";
    proto.toJSON = () => "hackeado";
    Array.isArray = (() => false) as unknown as typeof Array.isArray;
    assert.equal(encodeSerial(value), expected);
  } finally {
    JSON.stringify = originalStringify;
    delete proto.toJSON;
    Array.isArray = originalIsArray;
  }
  assert.deepEqual(decodeSerial(expected), value);
});

test("describeSerial y formatNumber hablan como el estudiante lee", () => {
  assert.equal(describeSerial(toSerial([1, 2, 3])), "una lista de 3 elementos");
  assert.equal(describeSerial({ $: "tensor", shape: [2, 3], dtype: "float32", values: [] }), "un tensor de forma [2, 3]");
  assert.equal(describeSerial(toSerial(undefined)), "undefined (¿falta un return?)");
  assert.equal(describeSerial(toSerial({ salida: 1, pesos: 2 })), "un objeto con 'salida', 'pesos'");
  assert.equal(formatNumber(1e-4), "1e-4");
  assert.equal(formatNumber(0.30000000004), "0.3");
  assert.equal(formatNumber(2.5e7), "2.5e7");
  assert.equal(formatNumber(-0.1234567), "-0.123457");
});
