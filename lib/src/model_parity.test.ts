// The whole models against an independent PyTorch implementation (torch 1.13, float64 reference):
// fixtures written by lib/fixtures/make_model_fixtures.py, read with our own safetensors reader.
import { before, test } from "node:test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { tf, ready } from "./backend";
import { BertForPreTraining } from "./bert_heads";
import { Gpt } from "./gpt";
import type { StateDict } from "./module";
import { loadSafetensors } from "./safetensors";
import { assertClose, maxAbsDiff } from "./testing";
import { Transformer } from "./transformer";

before(ready);

const TOLERANCE = 1e-5;

/** Reads `lib/fixtures/<name>.safetensors`, grouped by prefix, with its configuration. */
function fixture(name: string): { group(prefix: string): StateDict; config: Record<string, unknown>; dispose(): void } {
  const { tensors, metadata } = loadSafetensors(new Uint8Array(readFileSync(path.join(__dirname, "..", "fixtures", `${name}.safetensors`))));
  const group = (prefix: string): StateDict =>
    Object.fromEntries(Object.entries(tensors).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  return { group, config: JSON.parse(metadata.config), dispose: () => tf.dispose(Object.values(tensors)) };
}

function compare(t: { diagnostic(message: string): void }, label: string, actual: tf.Tensor, expected: tf.Tensor): void {
  t.diagnostic(`${label}: error máximo ${maxAbsDiff(actual, expected).toExponential(2)} (${tf.getBackend()})`);
  assertClose(actual, expected, TOLERANCE, 0, label);
}

test("Gpt = PyTorch (pre-LN, causal, cabeza atada)", (t) => {
  const f = fixture("model_gpt");
  const model = new Gpt(f.config as never);
  model.loadStateDict(f.group("param.")); // strict: the same names as the PyTorch module
  model.eval();
  const logits = model.forward(f.group("input.").ids);
  compare(t, "logits", logits, f.group("output.").logits);
  logits.dispose();
  model.dispose();
  f.dispose();
});

test("BertForPreTraining = PyTorch (segmentos, relleno, MLM atado, NSP)", (t) => {
  const f = fixture("model_bert_pretrain");
  const model = new BertForPreTraining(f.config as never);
  model.loadStateDict(f.group("param."));
  model.eval();
  const { ids, segments } = f.group("input.");
  const opts = { segmentIds: segments, attentionMask: f.group("mask.").attention };
  const out = f.group("output.");
  const body = model.bert.forward(ids, opts);
  // padded positions of the hidden states are not compared: PyTorch and we leave different values there
  tf.tidy(() => {
    compare(t, "hidden (fila 0)", tf.slice(body.hidden, [0, 0, 0], [1, -1, -1]), tf.slice(out.hidden, [0, 0, 0], [1, -1, -1]));
    compare(t, "hidden (fila 1, tokens reales)", tf.slice(body.hidden, [1, 0, 0], [1, 4, -1]), tf.slice(out.hidden, [1, 0, 0], [1, 4, -1]));
  });
  compare(t, "pooled", body.pooled, out.pooled);
  const heads = model.forward(ids, opts);
  tf.tidy(() => compare(t, "mlm (tokens reales)", tf.slice(heads.mlmLogits, [1, 0, 0], [1, 4, -1]), tf.slice(out.mlm, [1, 0, 0], [1, 4, -1])));
  compare(t, "nsp", heads.nspLogits, out.nsp);
  tf.dispose([body.hidden, body.pooled, heads.mlmLogits, heads.nspLogits]);
  model.dispose();
  f.dispose();
});

for (const name of ["model_transformer_paper", "model_transformer_pre_learned"]) {
  test(`Transformer = PyTorch: ${name}`, (t) => {
    const f = fixture(name);
    const model = new Transformer(f.config as never);
    model.loadStateDict(f.group("param."));
    model.eval();
    const { src, tgt } = f.group("input.");
    const out = f.group("output.");
    const memory = model.encode(src, { srcPadId: 0 });
    tf.tidy(() => compare(t, "memory (tokens reales)", tf.slice(memory, [1, 0, 0], [1, 5, -1]), tf.slice(out.memory, [1, 0, 0], [1, 5, -1])));
    tf.tidy(() => compare(t, "memory (fila 0)", tf.slice(memory, [0, 0, 0], [1, -1, -1]), tf.slice(out.memory, [0, 0, 0], [1, -1, -1])));
    const logits = model.forward(src, tgt, { srcPadId: 0 });
    compare(t, "logits", logits, out.logits);
    tf.dispose([memory, logits]);
    model.dispose();
    f.dispose();
  });
}
