import { before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { tf, ready } from "./backend";
import { loadSafetensors, saveSafetensors } from "./safetensors";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "..", "fixtures", name)));

/** A hand-made file: header object + raw data bytes. */
function raw(header: unknown, data: number[] = [], pad = true): Uint8Array {
  let json = JSON.stringify(header);
  if (pad) json += " ".repeat((8 - ((8 + json.length) % 8)) % 8);
  const text = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

test("ida y vuelta: float32, int32 y bool, formas, metadatos; cabecera alineada a 8 bytes", () => {
  const record = {
    "encoder.weight": tf.tensor2d([[1.5, -2], [3.25, 1e-7]]),
    ids: tf.tensor1d([0, -7, 2147483647], "int32"),
    flags: tf.tensor([true, false], [2], "bool"),
    scalar: tf.scalar(42),
  };
  const bytes = assertNoLeak(() => saveSafetensors(record, { format: "pt", curso: "Atención" }));
  const headerLen = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  assert.equal((8 + headerLen) % 8, 0);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLen)));
  assert.deepEqual(header["encoder.weight"], { dtype: "F32", shape: [2, 2], data_offsets: [0, 16] });
  assert.deepEqual(header.ids, { dtype: "I32", shape: [3], data_offsets: [16, 28] });
  assert.deepEqual(header.flags, { dtype: "BOOL", shape: [2], data_offsets: [28, 30] });
  // los primeros bytes de datos: 1.5 en float32 little-endian = 00 00 c0 3f
  assert.deepEqual(Array.from(bytes.subarray(8 + headerLen, 8 + headerLen + 4)), [0, 0, 0xc0, 0x3f]);
  const { tensors, metadata } = assertNoLeak(() => loadSafetensors(bytes), 4);
  assert.deepEqual(metadata, { format: "pt", curso: "Atención" });
  assert.deepEqual(Object.keys(tensors), Object.keys(record));
  for (const [k, t] of Object.entries(record)) {
    assert.equal(tensors[k].dtype, t.dtype);
    assert.deepEqual(tensors[k].shape, t.shape);
    assert.deepEqual(Array.from(tensors[k].dataSync()), Array.from(t.dataSync()));
  }
  tf.dispose([...Object.values(record), ...Object.values(tensors)]);
});

test("lee un archivo escrito por Python (make_fixtures.py): F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL", () => {
  const { tensors, metadata } = loadSafetensors(fixture("dtypes.safetensors"));
  assert.equal(metadata.writer, "make_fixtures.py");
  assertClose(tensors.f32, [1.5, -2.25, 65504, 6.103515625e-5, 5.960464477539063e-8, 0], 0);
  for (const k of ["f64", "f16", "bf16"]) {
    assert.equal(tensors[k].dtype, "float32");
    assertClose(tensors[k], tensors[`${k}.as_f32`], 0, 0, k);
  }
  assertClose(tensors.f16, [1.5, -2.25, 65504, 6.103515625e-5, 5.960464477539063e-8, 0], 0); // incluye un subnormal
  assertClose(tensors.bf16, [1, -3.5, 1.0002555517425873e30, 0.0078125], 0); // 1e30 redondeado a 8 bits de mantisa
  assert.equal(tensors.i64.dtype, "int32");
  assert.deepEqual(tensors.i64.arraySync(), [[0, -5], [2147483647, -2147483648]]);
  assert.deepEqual(Array.from(tensors.i32.dataSync()), [7, -7]);
  assert.deepEqual(Array.from(tensors.i16.dataSync()), [-300, 300]);
  assert.deepEqual(Array.from(tensors.i8.dataSync()), [-128, 127]);
  assert.deepEqual(Array.from(tensors.u8.dataSync()), [0, 255]);
  assert.equal(tensors.bool.dtype, "bool");
  assert.deepEqual(Array.from(tensors.bool.dataSync()), [1, 0, 1]);
  assert.deepEqual(tensors.scalar.shape, []);
  tf.dispose(Object.values(tensors));
});

test("archivos mal formados dan errores claros en español, sin dejar tensores", () => {
  const f32 = (x: number) => Array.from(new Uint8Array(new Float32Array([x]).buffer));
  const good = { a: { dtype: "F32", shape: [1], data_offsets: [0, 4] } };
  assertNoLeak(() => loadSafetensors(raw(good, f32(1))).tensors.a.dispose());
  const bad: [Uint8Array, RegExp][] = [
    [new Uint8Array(5), /tiene 5 bytes; ni siquiera cabe la longitud de la cabecera/],
    [raw(good, f32(1)).subarray(0, 20), /la cabecera dice medir \d+ bytes, pero el archivo solo tiene 20/],
    [(() => { const b = raw(good, f32(1)); b[8] = 0x5b; return b; })(), /la cabecera no es JSON válido/],
    [raw([1, 2]), /la cabecera JSON debe ser un objeto/],
    [raw({ a: { dtype: "C64", shape: [1], data_offsets: [0, 8] } }, new Array(8).fill(0)), /el tensor 'a' tiene dtype "C64", que no sé leer/],
    [raw({ a: { dtype: "F32", shape: [2], data_offsets: [0, 4] } }, f32(1)), /el tensor 'a' \(F32, forma \[2\]\) necesita 8 bytes, pero data_offsets abarca 4/],
    [raw({ a: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }, f32(1)), /forma inválida/],
    [raw({ a: { dtype: "F32", shape: [1], data_offsets: [4, 0] } }, f32(1)), /data_offsets inválidos/],
    [raw({ a: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, [...f32(1), ...f32(2)]), /empiezan en 4, pero se esperaba 0/],
    [raw(good, [...f32(1), 0, 0]), /los tensores ocupan 4 bytes, pero el bloque de datos tiene 6/],
    [raw({ __metadata__: { n: 3 } }), /'__metadata__.n' debe ser un texto/],
    [raw({ big: { dtype: "I64", shape: [1], data_offsets: [0, 8] } }, [0, 0, 0, 0x80, 0, 0, 0, 0]), /el tensor I64 'big' tiene el valor 2147483648, que no cabe en int32/],
  ];
  for (const [bytes, message] of bad) assertNoLeak(() => assert.throws(() => loadSafetensors(bytes), message));
  // sin relleno también es válido (el formato no lo exige al leer)
  assertNoLeak(() => loadSafetensors(raw(good, f32(2), false)).tensors.a.dispose());
  const c = tf.tensor(["hola"]);
  assert.throws(() => saveSafetensors({ c }), /'c' es de tipo string; solo sé guardar float32, int32 y bool/);
  assert.throws(() => saveSafetensors({}, { n: 1 as unknown as string }), /'metadata.n' debe ser un texto/);
  c.dispose();
});

test("un state dict de PyTorch se lee con los nombres de PyTorch", () => {
  const { tensors } = loadSafetensors(fixture("encoder_post_relu.safetensors"));
  assert.deepEqual(tensors["param.self_attn.in_proj_weight"].shape, [24, 8]);
  assert.deepEqual(tensors["param.norm2.bias"].shape, [8]);
  tf.dispose(Object.values(tensors));
});
