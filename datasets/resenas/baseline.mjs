// Baseline for `resenas`: logistic regression on bags of words (word counts), fitted on train,
// evaluated on train, valid and test; then the same with word pairs (bigrams) added, which see
// a little of the order. Plain JavaScript, full-batch gradient descent, deterministic.
//   node datasets/resenas/baseline.mjs
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsv, words, pct } from "../baselines.mjs";

const dir = path.dirname(fileURLToPath(import.meta.url));
const splits = Object.fromEntries(["train", "valid", "test"].map((s) => [s, tsv(dir, `${s}.tsv`)]));

/** Features of a review: its lower-case words (no punctuation), and with `bigrams` its word pairs. */
function features(text, bigrams) {
  const ws = words(text).filter((w) => /\p{L}/u.test(w));
  const out = [...ws];
  if (bigrams) for (let i = 0; i + 1 < ws.length; i++) out.push(`${ws[i]} ${ws[i + 1]}`);
  return out;
}

/** L2-regularised logistic regression on counts, full-batch gradient descent. */
function train(rows, bigrams, { epochs = 2000, lr = 0.5, l2 = 1e-4 } = {}) {
  const index = new Map();
  for (const r of rows) for (const f of features(r.text, bigrams)) if (!index.has(f)) index.set(f, index.size);
  const X = rows.map((r) => {
    const counts = new Map();
    for (const f of features(r.text, bigrams)) counts.set(index.get(f), (counts.get(index.get(f)) ?? 0) + 1);
    return [...counts.entries()];
  });
  const y = rows.map((r) => (r.label === "positiva" ? 1 : 0));
  const w = new Float64Array(index.size);
  let b = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw = new Float64Array(index.size);
    let gb = 0;
    X.forEach((x, i) => {
      let z = b;
      for (const [j, c] of x) z += w[j] * c;
      const err = 1 / (1 + Math.exp(-z)) - y[i];
      for (const [j, c] of x) gw[j] += err * c;
      gb += err;
    });
    for (let j = 0; j < w.length; j++) w[j] -= lr * (gw[j] / X.length + l2 * w[j]);
    b -= (lr * gb) / X.length;
  }
  const score = (text) => {
    let z = b;
    for (const f of features(text, bigrams)) if (index.has(f)) z += w[index.get(f)];
    return z;
  };
  return { score, size: index.size };
}

const accuracy = (model, rows) => rows.filter((r) => (model.score(r.text) > 0) === (r.label === "positiva")).length / rows.length;

for (const [name, bigrams] of [["bolsa de palabras (conteos)", false], ["palabras + pares de palabras seguidas (bigramas)", true]]) {
  const model = train(splits.train, bigrams);
  console.log(`${name}, ${model.size} rasgos: train ${pct(accuracy(model, splits.train))}, valid ${pct(accuracy(model, splits.valid))}, test ${pct(accuracy(model, splits.test))}`);
}
const share = (rows) => pct(rows.filter((r) => r.label === "positiva").length / rows.length);
console.log(`positivas: train ${share(splits.train)}, valid ${share(splits.valid)}, test ${share(splits.test)}`);
