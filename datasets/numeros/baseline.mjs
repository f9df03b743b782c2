// Baselines for `numeros`: what memorising the training set gives on test. A lookup table gets
// nothing right (no test number is in train); the nearest training number (same number of digits,
// most digits equal in place) copies its words, which is right only by luck.
//   node datasets/numeros/baseline.mjs
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsv, pct } from "../baselines.mjs";
import { nearestNeighbour } from "../nearest.mjs";

const dir = path.dirname(fileURLToPath(import.meta.url));
const [train, test] = ["train", "test"].map((s) => tsv(dir, `${s}.tsv`));

const lookup = new Map(train.map((r) => [r.source, r.target]));
const exact = (predict) => test.filter((r) => predict(r.source) === r.target).length / test.length;
console.log(`tabla de búsqueda (memorizar train): ${pct(exact((s) => lookup.get(s)))} de aciertos exactos en test`);
console.log(`vecino más cercano de train: ${pct(exact(nearestNeighbour(train)))} de aciertos exactos en test`);
const words = (s) => s.split(" ").length;
console.log(`longitud de la salida: ${Math.min(...test.map((r) => words(r.target)))}–${Math.max(...test.map((r) => words(r.target)))} palabras, ` +
  `${Math.max(...test.map((r) => r.target.length))} caracteres como mucho`);
