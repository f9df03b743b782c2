// Baselines for `fechas`: what memorising the training set gives on test (no test date is in
// train), per output field too, with the nearest training input (most characters equal in place).
//   node datasets/fechas/baseline.mjs
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsv, pct } from "../baselines.mjs";
import { nearestNeighbour } from "../nearest.mjs";

const dir = path.dirname(fileURLToPath(import.meta.url));
const [train, test] = ["train", "test"].map((s) => tsv(dir, `${s}.tsv`));
const predict = nearestNeighbour(train);
const guesses = test.map((r) => [predict(r.source), r.target]);
const share = (f) => pct(guesses.filter(([g, t]) => f(g.split("-"), t.split("-"))).length / test.length);
console.log(`vecino más cercano de train: fecha exacta ${share((g, t) => g.join() === t.join())}, ` +
  `año ${share((g, t) => g[0] === t[0])}, mes ${share((g, t) => g[1] === t[1])}, día ${share((g, t) => g[2] === t[2])}`);
const always = (field, k) => {
  const counts = new Map();
  for (const r of train) counts.set(r.target.split("-")[k], (counts.get(r.target.split("-")[k]) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  return `${field} ${pct(test.filter((r) => r.target.split("-")[k] === top).length / test.length)}`;
};
console.log(`el valor más frecuente de train: ${always("año", 0)}, ${always("mes", 1)}, ${always("día", 2)}`);
