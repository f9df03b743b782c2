// `numeros`: integers (as digits) → their Spanish words. See README.md.
import { Rng, COURSE_SEED, numberToSpanish } from "atencion";
import { writeSplits, writeJson, disjointSplits, sortedUnique, charVocab } from "../common.mjs";

export const SEED = COURSE_SEED;
const COLUMNS = ["source", "target"];
export const SIZES = { train: 10000, valid: 1000, test: 2000 };
const MAX = 999_999_999;

/** A group of three digits (0–999), biased towards the forms that have irregular words. */
function group(rng) {
  const r = rng.next();
  if (r < 0.12) return 0; // empty group: "un millón mil", "dos mil"
  if (r < 0.2) return 1; // "mil", "un millón"
  if (r < 0.3) return 100 * rng.int(10) + 10 * rng.choice([0, 2, 3, 4, 5, 6, 7, 8, 9]) + 1; // veintiún, treinta y un
  if (r < 0.38) return 100 * (1 + rng.int(9)); // cien, quinientos, setecientos…
  if (r < 0.5) return rng.int(100); // 0–99: the irregular teens and twenties
  return rng.int(1000);
}

/** A number with 4 to 9 digits, assembled from three-digit groups. */
function bigNumber(rng) {
  const digits = 4 + rng.int(6); // 4..9
  const top = 10 ** (digits - 1);
  for (;;) {
    const n = group(rng) * 1_000_000 + group(rng) * 1000 + group(rng);
    const scaled = n % (top * 10);
    if (scaled >= top && scaled <= MAX) return scaled;
  }
}

export function generate(dir) {
  const rng = new Rng(SEED);
  // Every number below 100 is an atom of the language: all go to training.
  const small = Array.from({ length: 100 }, (_, n) => n);
  // 100–999: 80 % train, the rest shared by valid and test.
  const hundreds = rng.shuffle(Array.from({ length: 900 }, (_, i) => 100 + i));
  const seen = new Set([...small, ...hundreds]);
  const big = disjointSplits(
    () => bigNumber(rng),
    (n) => n,
    { train: SIZES.train - 100 - 720, valid: SIZES.valid - 60, test: SIZES.test - 120 },
    seen,
  );
  const numbers = {
    train: rng.shuffle([...small, ...hundreds.slice(0, 720), ...big.train]),
    valid: rng.shuffle([...hundreds.slice(720, 780), ...big.valid]),
    test: rng.shuffle([...hundreds.slice(780, 900), ...big.test]),
  };
  const rows = {};
  for (const split of ["train", "valid", "test"]) {
    rows[split] = numbers[split].map((n) => ({ source: String(n), target: numberToSpanish(n) }));
  }
  const trainWords = new Set(rows.train.flatMap((r) => r.target.split(" ")));
  const allWords = sortedUnique(Object.values(rows).flat().flatMap((r) => r.target.split(" ")));
  const unseen = allWords.filter((w) => !trainWords.has(w));
  if (unseen.length > 0) throw new Error(`numeros: palabras que no salen en train: ${unseen.join(", ")}`);
  const all = Object.values(rows).flat();
  return [
    ...writeSplits(dir, COLUMNS, rows),
    writeJson(dir, "vocab.json", {
      source: charVocab(all.map((r) => r.source)),
      targetWords: allWords,
      targetChars: charVocab(all.map((r) => r.target)),
    }),
  ];
}
