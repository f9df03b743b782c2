// Measures how much the KV cache speeds up GPT generation (lesson 10). Not a test: it only prints.
//
//   node scripts/measure-kv-cache.mjs [newTokens=200] [repeats=3]
//
// For gptNano and gptMicro (random weights, greedy decoding, a 16-token prompt) it times
// generate(..., { useCache: true }) against useCache: false, checks that both give the same tokens,
// and reports the best of `repeats` runs. Build the library first (npm run build).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const a = require("../lib/dist/index.js");
const newTokens = Number(process.argv[2] ?? 200);
const repeats = Number(process.argv[3] ?? 3);

await a.ready();
const prompt = Array.from({ length: 16 }, (_, i) => (i * 7) % 256);
for (const [name, preset] of [["gptNano", a.gptNano], ["gptMicro", a.gptMicro]]) {
  const model = new a.Gpt({ ...preset, contextLength: Math.max(preset.contextLength, 16 + newTokens), dropout: 0 });
  const best = {};
  let tokens = {};
  for (const useCache of [true, false]) {
    a.generate(model, prompt, { maxNewTokens: 4, temperature: 0, useCache }); // warm-up
    best[useCache] = Infinity;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      tokens[useCache] = a.generate(model, prompt, { maxNewTokens: newTokens, temperature: 0, useCache });
      best[useCache] = Math.min(best[useCache], (performance.now() - t0) / 1000);
    }
  }
  const same = JSON.stringify(tokens[true]) === JSON.stringify(tokens[false]);
  console.log(
    `${name} (${model.numParameters()} parámetros, ${a.backendName()}): ${newTokens} tokens nuevos, ` +
      `con caché ${best[true].toFixed(2)} s, sin caché ${best[false].toFixed(2)} s, ` +
      `${(best[false] / best[true]).toFixed(1)}× más rápido; mismos tokens: ${same ? "sí" : "NO"}`,
  );
  model.dispose();
}
