// Baselines for `corpus`: n-gram language models (words and characters) fitted on train, their
// perplexity on test, and how often they prefer the good sentence of each minimal pair.
//   node datasets/corpus/baseline.mjs
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lines, tsv, words, pct } from "../baselines.mjs";

const dir = path.dirname(fileURLToPath(import.meta.url));
const BOS = "<s>";
const EOS = "</s>";

/**
 * An interpolated bigram model: p(w | v) = λ·c(v,w)/c(v) + (1−λ)·p1(w), with p1 the add-one
 * unigram over the training vocabulary plus an unknown token. λ = 0 gives the unigram model.
 */
function fit(sequences) {
  const uni = new Map();
  const bi = new Map();
  const ctx = new Map();
  let total = 0;
  for (const seq of sequences) {
    let prev = BOS;
    for (const w of [...seq, EOS]) {
      uni.set(w, (uni.get(w) ?? 0) + 1);
      total++;
      const k = prev + "\u0000" + w;
      bi.set(k, (bi.get(k) ?? 0) + 1);
      ctx.set(prev, (ctx.get(prev) ?? 0) + 1);
      prev = w;
    }
  }
  const V = uni.size + 1; // + unknown
  const p1 = (w) => ((uni.get(w) ?? 0) + 1) / (total + V);
  const logProb = (seq, lambda) => {
    let lp = 0;
    let prev = BOS;
    for (const w of [...seq, EOS]) {
      const c = ctx.get(prev) ?? 0;
      const p2 = c > 0 ? (bi.get(prev + "\u0000" + w) ?? 0) / c : 0;
      lp += Math.log(lambda * p2 + (1 - lambda) * p1(w));
      prev = w;
    }
    return lp;
  };
  const perplexity = (seqs, lambda) => {
    let lp = 0;
    let n = 0;
    for (const s of seqs) {
      lp += logProb(s, lambda);
      n += s.length + 1;
    }
    return Math.exp(-lp / n);
  };
  return { logProb, perplexity, vocab: uni.size };
}

/** The λ in {0.05, 0.10, …, 0.95, 0.97, 0.99} with the lowest perplexity on valid. */
function bestLambda(model, valid) {
  const grid = [...Array.from({ length: 19 }, (_, i) => (i + 1) / 20), 0.97, 0.99];
  return grid.reduce((best, l) => (model.perplexity(valid, l) < model.perplexity(valid, best) ? l : best));
}

const splits = Object.fromEntries(["train", "valid", "test"].map((s) => [s, lines(dir, `${s}.txt`)]));
const pairs = tsv(dir, "minimal_pairs.tsv");

for (const [unit, tokenize] of [["palabras", words], ["caracteres", (s) => [...s]]]) {
  const seqs = Object.fromEntries(Object.entries(splits).map(([k, v]) => [k, v.map(tokenize)]));
  const model = fit(seqs.train);
  const lambda = bestLambda(model, seqs.valid);
  console.log(`\n== ${unit} (vocabulario de train: ${model.vocab} símbolos + desconocido; fin de frase incluido) ==`);
  console.log(`perplejidad en test: unigramas ${model.perplexity(seqs.test, 0).toFixed(2)}, bigramas (λ = ${lambda}) ${model.perplexity(seqs.test, lambda).toFixed(2)}`);
  for (const [name, l] of [["unigramas", 0], ["bigramas", lambda]]) {
    const byPhenomenon = {};
    for (const p of pairs) {
      const ok = model.logProb(tokenize(p.good), l) > model.logProb(tokenize(p.bad), l);
      (byPhenomenon[p.phenomenon] ??= []).push(ok);
    }
    const parts = Object.entries(byPhenomenon).map(([k, v]) => `${k} ${pct(v.filter(Boolean).length / v.length)}`);
    const all = Object.values(byPhenomenon).flat();
    console.log(`pares mínimos, ${name}: ${parts.join(", ")}; total ${pct(all.filter(Boolean).length / all.length)}`);
  }
}
