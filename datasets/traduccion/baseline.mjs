// Baselines for `traduccion`: word-for-word translation with a dictionary learned from the training
// alignments (each English word → its most frequent aligned Spanish word).
//  1. monotone: the words in English order;
//  2. with the true Spanish order (taken from the test alignments: an oracle for reordering), so
//     that only the word choice (gender, number, "a", "al") can still be wrong.
//   node datasets/traduccion/baseline.mjs
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsv, pct } from "../baselines.mjs";

const dir = path.dirname(fileURLToPath(import.meta.url));
const [train, test] = ["train", "test"].map((s) => tsv(dir, `${s}.tsv`));
const pairs = (r) => r.alignment.split(" ").map((p) => p.split("-").map(Number));

const counts = new Map();
for (const r of train) {
  const en = r.source.split(" ");
  const es = r.target.split(" ");
  for (const [i, j] of pairs(r)) {
    if (!counts.has(en[i])) counts.set(en[i], new Map());
    const c = counts.get(en[i]);
    c.set(es[j], (c.get(es[j]) ?? 0) + 1);
  }
}
const dictionary = new Map([...counts].map(([w, c]) => [w, [...c.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]]));

function translate(r, oracleOrder) {
  const en = r.source.split(" ");
  const slots = new Map(); // Spanish position → word
  const sorted = pairs(r).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  sorted.forEach(([i, j], k) => {
    const pos = oracleOrder ? j : k; // monotone: in the order of the English words
    if (!slots.has(pos) || !oracleOrder) slots.set(pos, dictionary.get(en[i]) ?? en[i]);
  });
  const out = [...slots.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  return out.filter((w, k) => k === 0 || w !== out[k - 1]).join(" "); // "looks for" → one "busca"
}

const exact = (oracle) => pct(test.filter((r) => translate(r, oracle) === r.target).length / test.length);
const crossing = test.filter((r) => pairs(r).some(([i, j], k, all) => all.some(([i2, j2]) => i2 > i && j2 < j))).length;
console.log(`traducción palabra a palabra en orden inglés: ${exact(false)} de frases exactas en test`);
console.log(`palabra a palabra con el orden español verdadero (oráculo): ${exact(true)}`);
console.log(`frases de test con alineamientos que se cruzan: ${pct(crossing / test.length)}`);
