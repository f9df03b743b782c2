// The blocks against PyTorch (torch.nn, 1.13, float64 reference): fixtures written by
// lib/fixtures/make_fixtures.py, loaded with our own safetensors reader, no PyTorch at test time.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { tf, ready } from "./backend";
import { TransformerDecoderLayer } from "./decoder_layer";
import { TransformerEncoderLayer } from "./encoder_layer";
import type { Activation } from "./feedforward";
import type { StateDict } from "./module";
import { MultiHeadAttention } from "./multihead";
import { loadSafetensors } from "./safetensors";
import { assertClose, assertNoLeak, maxAbsDiff } from "./testing";

before(ready);

const TOLERANCE = 1e-5;

interface Fixture {
  input: StateDict;
  mask: StateDict;
  param: StateDict;
  output: StateDict;
  config: { dModel: number; numHeads: number; dFF: number; activation?: Activation; normFirst?: boolean };
  dispose(): void;
}

/** Reads `lib/fixtures/<name>.safetensors` and groups its tensors by prefix (input., mask., param., output.). */
function fixture(name: string): Fixture {
  const { tensors, metadata } = loadSafetensors(new Uint8Array(readFileSync(path.join(__dirname, "..", "fixtures", `${name}.safetensors`))));
  const group = (prefix: string): StateDict =>
    Object.fromEntries(Object.entries(tensors).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  return {
    input: group("input."),
    mask: group("mask."),
    param: group("param."),
    output: group("output."),
    config: JSON.parse(metadata.config),
    dispose: () => tf.dispose(Object.values(tensors)),
  };
}

/** Asserts closeness and reports the max abs error in the test's diagnostics. */
function compare(t: { diagnostic(message: string): void }, label: string, actual: tf.Tensor, expected: tf.Tensor): void {
  const err = maxAbsDiff(actual, expected);
  t.diagnostic(`${label}: error máximo ${err.toExponential(2)} (${tf.getBackend()})`);
  assertClose(actual, expected, TOLERANCE, 0, label);
}

test("MultiheadAttention: autoatención con máscara causal, pesos por cabeza", (t) => {
  const f = fixture("mha_self_causal");
  const mha = new MultiHeadAttention({ dModel: f.config.dModel, numHeads: f.config.numHeads });
  mha.loadStateDict(f.param);
  mha.eval();
  const x = f.input.x;
  const r = assertNoLeak(() => mha.forward(x, x, x, { mask: f.mask.attn }), 2);
  compare(t, "salida", r.output, f.output.output);
  compare(t, "pesos", r.weights, f.output.weights);
  const loop = mha.forwardLoop(x, x, x, { mask: f.mask.attn });
  compare(t, "salida (bucle sobre cabezas)", loop.output, f.output.output);
  tf.dispose([r.output, r.weights, loop.output, loop.weights]);
  mha.dispose();
  f.dispose();
});

test("MultiheadAttention: atención cruzada con máscara de relleno de claves", (t) => {
  const f = fixture("mha_cross_padding");
  const mha = new MultiHeadAttention({ dModel: f.config.dModel, numHeads: f.config.numHeads });
  mha.loadStateDict(f.param);
  mha.eval();
  const { query, memory } = f.input;
  const r = mha.forward(query, memory, memory, { keyPaddingMask: f.mask.key_padding });
  compare(t, "salida", r.output, f.output.output);
  compare(t, "pesos", r.weights, f.output.weights);
  tf.dispose([r.output, r.weights]);
  mha.dispose();
  f.dispose();
});

for (const name of ["encoder_post_relu", "encoder_pre_gelu"]) {
  test(`TransformerEncoderLayer: ${name}`, (t) => {
    const f = fixture(name);
    const layer = new TransformerEncoderLayer({ ...f.config, dropout: 0.1 });
    assert.deepEqual(Object.keys(layer.stateDict()), Object.keys(f.param), "mismos nombres y en el mismo orden que PyTorch");
    layer.loadStateDict(f.param);
    layer.eval();
    const y = assertNoLeak(() => layer.forward(f.input.x, { mask: f.mask.attn, keyPaddingMask: f.mask.key_padding }), 1);
    compare(t, "salida", y, f.output.y);
    y.dispose();
    layer.dispose();
    f.dispose();
  });
}

for (const name of ["decoder_post_relu", "decoder_pre_gelu"]) {
  test(`TransformerDecoderLayer: ${name}`, (t) => {
    const f = fixture(name);
    const layer = new TransformerDecoderLayer({ ...f.config, dropout: 0.1 });
    assert.deepEqual(Object.keys(layer.stateDict()), Object.keys(f.param), "mismos nombres y en el mismo orden que PyTorch");
    layer.loadStateDict(f.param);
    layer.eval();
    const opts = {
      tgtMask: f.mask.tgt,
      tgtKeyPaddingMask: f.mask.tgt_key_padding,
      memoryKeyPaddingMask: f.mask.memory_key_padding,
    };
    const y = assertNoLeak(() => layer.forward(f.input.tgt, f.input.memory, opts), 1);
    compare(t, "salida", y, f.output.y);
    y.dispose();
    layer.dispose();
    f.dispose();
  });
}
