/**
 * Static word embeddings by skip-gram with negative sampling, word2vec's method (Mikolov et al.,
 * 2013) (lesson 01). Plain TypeScript loops over Float32Arrays: fast enough on one core for a few
 * thousand sentences in seconds.
 *
 * Each word w has an input vector v_w (the embedding we keep) and an output vector u_w. For every
 * centre word c and every context word o within the window, and K negative words n_1..n_K drawn
 * from the unigram distribution raised to 0.75, one SGD step lowers
 *   L = −ln σ(u_o · v_c) − Σ_k ln σ(−u_{n_k} · v_c).
 * Details, as in word2vec: tokens outside the vocabulary (`minCount`, `maxVocabSize`) are removed
 * before windowing; with `subsample` = t > 0, each occurrence of a word of frequency f is kept with
 * probability (√(f/t) + 1) · t/f; the window of each centre word is drawn uniformly from 1..window;
 * a negative equal to the context word is skipped; v starts uniform in ±0.5/D and u at zero; the
 * learning rate falls linearly from `learningRate` to `minLearningRate` over the whole run (updated
 * per sentence). Sentences are visited in a seeded random order each epoch.
 */
import { AtencionError, checkInt, checkNumber } from "../errors";
import { COURSE_SEED, Rng } from "../random";
import { Documents, VocabularyOptions, buildVocabulary, checkDocuments } from "./vocabulary";
import { WordVectors } from "./wordvectors";

/** Options of `trainSkipGram` (lesson 01), with their defaults. */
export interface SkipGramOptions extends VocabularyOptions {
  /** Vector width D. Default 50. */
  dim?: number;
  /** Largest distance between centre and context word. Default 5. */
  window?: number;
  /** Negative words per (centre, context) pair. Default 5. */
  negatives?: number;
  /** Passes over the corpus. Default 5. */
  epochs?: number;
  /** Starting learning rate. Default 0.025. */
  learningRate?: number;
  /** Final learning rate. Default 0.0001. */
  minLearningRate?: number;
  /** Frequent-word subsampling threshold t (word2vec uses 1e-3 on large corpora). Default 0: off. */
  subsample?: number;
  /** Seed for initialisation, window sizes, negatives, subsampling and sentence order. Default `COURSE_SEED`. */
  seed?: number;
}

/** The result of `trainSkipGram` (lesson 01): the vectors, the mean loss per pair in each epoch, and pairs per epoch. */
export interface SkipGramResult {
  vectors: WordVectors;
  losses: number[];
  pairs: number[];
}

const TABLE_SIZE = 1_000_000;

/**
 * Trains skip-gram word vectors on documents given as token lists (lesson 01):
 * `trainSkipGram(corpus.map((s) => tok.tokenize(s)), { dim: 50, epochs: 5 }).vectors.mostSimilar("rey")`.
 */
export function trainSkipGram(docs: Documents, options: SkipGramOptions = {}): SkipGramResult {
  const where = "trainSkipGram";
  checkDocuments(where, docs);
  const D = checkInt(where, "dim", options.dim ?? 50, 1);
  const window = checkInt(where, "window", options.window ?? 5, 1);
  const K = checkInt(where, "negatives", options.negatives ?? 5, 0);
  const epochs = checkInt(where, "epochs", options.epochs ?? 5, 1);
  const lr0 = checkNumber(where, "learningRate", options.learningRate ?? 0.025, 0);
  const lrMin = checkNumber(where, "minLearningRate", options.minLearningRate ?? 0.0001, 0, lr0);
  const t = checkNumber(where, "subsample", options.subsample ?? 0, 0, 1);
  const rng = new Rng(checkNumber(where, "seed", options.seed ?? COURSE_SEED));

  const { words, counts } = buildVocabulary(docs, options);
  const V = words.length;
  if (V < 2) throw new AtencionError(`${where}: hacen falta al menos 2 palabras en el vocabulario, y hay ${V}.`);
  const index = new Map(words.map((w, i) => [w, i]));
  const sentences = docs.map((d) => Int32Array.from(d.map((w) => index.get(w) ?? -1).filter((i) => i >= 0)));
  const totalTokens = counts.reduce((s, n) => s + n, 0);

  // Negatives: a table where word i fills a share ∝ count_i^0.75 of the slots.
  const table = new Int32Array(TABLE_SIZE);
  const weights = counts.map((n) => n ** 0.75);
  const weightSum = weights.reduce((s, x) => s + x, 0);
  for (let i = 0, slot = 0, cum = 0; i < V; i++) {
    cum += weights[i] / weightSum;
    const end = i === V - 1 ? TABLE_SIZE : Math.min(TABLE_SIZE, Math.round(cum * TABLE_SIZE));
    for (; slot < end; slot++) table[slot] = i;
  }
  const keepProb = counts.map((n) => (t > 0 ? Math.min(1, (Math.sqrt(n / totalTokens / t) + 1) * (t * totalTokens) / n) : 1));

  const vIn = new Float32Array(V * D);
  for (let i = 0; i < vIn.length; i++) vIn[i] = (rng.next() - 0.5) / D;
  const uOut = new Float32Array(V * D);
  const grad = new Float32Array(D);

  const losses: number[] = [];
  const pairs: number[] = [];
  const total = epochs * totalTokens;
  let processed = 0;
  const order = Array.from(sentences.keys());
  for (let epoch = 0; epoch < epochs; epoch++) {
    let lossSum = 0;
    let pairCount = 0;
    for (const s of rng.shuffle(order)) {
      const lr = Math.max(lrMin, lr0 * (1 - processed / total));
      processed += sentences[s].length;
      const seq = t > 0 ? sentences[s].filter((w) => rng.next() < keepProb[w]) : sentences[s];
      for (let i = 0; i < seq.length; i++) {
        const c = seq[i] * D;
        const b = 1 + rng.int(window);
        for (let j = Math.max(0, i - b); j <= Math.min(seq.length - 1, i + b); j++) {
          if (j === i) continue;
          const o = seq[j];
          grad.fill(0);
          for (let k = 0; k <= K; k++) {
            const target = k === 0 ? o : table[Math.floor(rng.next() * TABLE_SIZE)];
            if (k > 0 && target === o) continue;
            const u = target * D;
            let dot = 0;
            for (let d = 0; d < D; d++) dot += vIn[c + d] * uOut[u + d];
            // σ(dot) and its loss, clipped so that a saturated σ gives a finite loss.
            const sig = dot > 30 ? 1 : dot < -30 ? 0 : 1 / (1 + Math.exp(-dot));
            const label = k === 0 ? 1 : 0;
            lossSum -= Math.log(Math.max(label ? sig : 1 - sig, 1e-12));
            const g = (label - sig) * lr;
            for (let d = 0; d < D; d++) {
              grad[d] += g * uOut[u + d];
              uOut[u + d] += g * vIn[c + d];
            }
          }
          for (let d = 0; d < D; d++) vIn[c + d] += grad[d];
          pairCount++;
        }
      }
    }
    losses.push(pairCount > 0 ? lossSum / pairCount : 0);
    pairs.push(pairCount);
  }
  return { vectors: new WordVectors(words, vIn), losses, pairs };
}
