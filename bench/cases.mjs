// The benchmark's configurations, shared by the TensorFlow.js worker (bench/worker.mjs) and the
// PyTorch reference (bench/torch_reference.py receives them as JSON), so both sides run exactly
// the same sizes. Pure data: no tensors here.
//
// Letters as in the course: B batch, T time, D model width, H heads, V vocabulary.

/** Attention sizes: the course's (gptNano-like) and a larger one. */
export const ATTENTION_SIZES = {
  curso: { B: 16, T: 64, D: 64, H: 4 },
  grande: { B: 32, T: 128, D: 256, H: 8 },
};

/** gptNano (lesson 10), with its default dropout 0.1, trained on B × T tokens per step. */
export const GPT_NANO = { V: 256, T: 64, D: 64, H: 4, L: 2, dFF: 256, dropout: 0.1, B: 16 };

/** transformerTiny (lesson 08): 2 + 2 post-LN layers, ReLU, sinusoidal positions, tied output. */
export const TRANSFORMER_TINY = { V: 256, maxLen: 64, D: 64, H: 4, L: 2, dFF: 256, dropout: 0.1, B: 16, Ts: 32, Tt: 32 };

/** Generation with gptNano: greedy, one sequence, a 16-token prompt, 48 new tokens (fills the context). */
export const GENERATION = { ...GPT_NANO, B: 1, prompt: 16, newTokens: 48 };

/**
 * Every measured case. `unit` is what the median is in: "ms" (lower is better) or "tokens/s"
 * (higher is better). `id` is stable: it keys the JSON results, so runs can be compared.
 */
export const CASES = [
  ...Object.entries(ATTENTION_SIZES).flatMap(([size, cfg]) =>
    ["forward", "forward+backward"].flatMap((pass) => [
      { id: `sdpa/${size}/${pass}`, kind: "sdpa", size, pass, unit: "ms", config: cfg },
      { id: `mha/${size}/${pass}`, kind: "mha", size, pass, unit: "ms", config: cfg },
    ]),
  ),
  { id: "train/gpt-nano", kind: "train-gpt", size: "curso", pass: "train step", unit: "tokens/s", config: GPT_NANO },
  { id: "train/transformer-tiny", kind: "train-seq2seq", size: "curso", pass: "train step", unit: "tokens/s", config: TRANSFORMER_TINY },
  { id: "generate/gpt-nano/cache", kind: "generate", size: "curso", pass: "with KV cache", unit: "tokens/s", config: { ...GENERATION, useCache: true } },
  { id: "generate/gpt-nano/no-cache", kind: "generate", size: "curso", pass: "without cache", unit: "tokens/s", config: { ...GENERATION, useCache: false } },
];

/** How many tokens one measured repetition processes (for the tokens/s cases). */
export function tokensPerRep(c) {
  if (c.kind === "train-gpt") return c.config.B * c.config.T;
  if (c.kind === "train-seq2seq") return c.config.B * c.config.Tt; // predicted (target) tokens
  if (c.kind === "generate") return c.config.B * c.config.newTokens;
  return undefined;
}

/**
 * Repetition plan: warm-up runs (not timed), then timed runs until both `minRuns` and `budgetS`
 * seconds are reached, at most `maxRuns`. `--quick` makes every number small. The `cpu` backend
 * (plain JavaScript, up to a minute per repetition at the larger size) gets fewer repetitions.
 */
export function repetitionPlan(quick, backend = "") {
  if (quick) return { warmup: 1, minRuns: 3, maxRuns: 5, budgetS: 1 };
  if (backend === "cpu") return { warmup: 1, minRuns: 3, maxRuns: 10, budgetS: 6 };
  return { warmup: 3, minRuns: 7, maxRuns: 40, budgetS: 6 };
}

export function findCase(id) {
  const c = CASES.find((x) => x.id === id);
  if (c === undefined) throw new Error(`caso desconocido '${id}': usa uno de ${CASES.map((x) => x.id).join(", ")}`);
  return c;
}
