import { test } from "node:test";
import assert from "node:assert/strict";
import { numberToSpanish, MAX_SPANISH_NUMBER } from "./numerals";
import { AtencionError } from "../errors";

test("numberToSpanish: las formas irregulares, escritas a mano", () => {
  const cases: [number, string][] = [
    [0, "cero"],
    [1, "uno"],
    [15, "quince"],
    [16, "dieciséis"],
    [21, "veintiuno"],
    [22, "veintidós"],
    [23, "veintitrés"],
    [26, "veintiséis"],
    [30, "treinta"],
    [31, "treinta y uno"],
    [100, "cien"],
    [101, "ciento uno"],
    [115, "ciento quince"],
    [347, "trescientos cuarenta y siete"],
    [500, "quinientos"],
    [700, "setecientos"],
    [900, "novecientos"],
    [1_000, "mil"],
    [1_001, "mil uno"],
    [2_000, "dos mil"],
    [21_000, "veintiún mil"],
    [21_021, "veintiún mil veintiuno"],
    [31_000, "treinta y un mil"],
    [100_000, "cien mil"],
    [101_000, "ciento un mil"],
    [1_000_000, "un millón"],
    [1_000_001, "un millón uno"],
    [1_001_000, "un millón mil"],
    [2_000_000, "dos millones"],
    [21_000_000, "veintiún millones"],
    [201_000_000, "doscientos un millones"],
    [100_000_000, "cien millones"],
    [999_999_999, "novecientos noventa y nueve millones novecientos noventa y nueve mil novecientos noventa y nueve"],
    [1_000_000_000, "mil millones"],
    [21_000_000_000, "veintiún mil millones"],
  ];
  for (const [n, words] of cases) assert.equal(numberToSpanish(n), words, `n = ${n}`);
});

// An independent reader of the words, to check that no two numbers share a spelling.
const VALUE: Record<string, number> = {};
"cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve"
  .split(" ")
  .forEach((w, i) => (VALUE[w] = i));
"treinta cuarenta cincuenta sesenta setenta ochenta noventa".split(" ").forEach((w, i) => (VALUE[w] = 30 + 10 * i));
"ciento doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos novecientos"
  .split(" ")
  .forEach((w, i) => (VALUE[w] = 100 * (i + 1)));
Object.assign(VALUE, { cien: 100, un: 1, veintiún: 21, y: 0 });

function read(words: string): number {
  let total = 0; // whole millions read so far
  let group = 0; // the thousands of the current group below a million
  let small = 0; // the number below 1000 being read
  for (const w of words.split(" ")) {
    if (w === "mil") {
      group += (small === 0 ? 1 : small) * 1000;
      small = 0;
    } else if (w === "millón" || w === "millones") {
      total += (group + small) * 1_000_000;
      group = 0;
      small = 0;
    } else {
      assert.ok(w in VALUE, `palabra desconocida ${w}`);
      small += VALUE[w];
    }
  }
  return total + group + small;
}

test("numberToSpanish: se lee de vuelta al mismo número, sin espacios dobles", () => {
  const samples: number[] = [];
  for (let n = 0; n < 3000; n++) samples.push(n);
  for (let k = 0; k < 3000; k++) samples.push((k * 2_654_435_761) % 1_000_000_000);
  for (const n of samples) {
    const w = numberToSpanish(n);
    assert.ok(!/\s\s|^\s|\s$/.test(w), `espacios raros en ${n}: "${w}"`);
    assert.ok(!/(^|millón |millones )un mil\b/.test(w), `"un mil" en ${n}: ${w}`);
    assert.equal(read(w), n, `${n} → "${w}"`);
    assert.equal(/\bmillón\b/.test(w), Math.floor(n / 1_000_000) === 1, `millón/millones en ${n}: ${w}`);
  }
});

test("numberToSpanish: errores en español para entradas fuera de rango", () => {
  for (const bad of [-1, 1.5, MAX_SPANISH_NUMBER + 1, NaN]) {
    assert.throws(() => numberToSpanish(bad), (e: unknown) => e instanceof AtencionError && /'n' debe ser un entero/.test(e.message));
  }
  assert.throws(() => numberToSpanish("12" as unknown as number), AtencionError);
  assert.equal(numberToSpanish(MAX_SPANISH_NUMBER).split(" ").slice(0, 5).join(" "), "novecientos noventa y nueve mil");
});
