// The data sets: each regenerates byte-identically from its seed (SHA-256 against HASHES), the
// committed files are those bytes, and each set has the properties its README promises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { numberToSpanish } from "atencion";
import { DATASETS_DIR, generateAll, readHashes, sha256 } from "./generate.mjs";
import { lines, tsv, words } from "./baselines.mjs";

const dirOf = (name) => path.join(DATASETS_DIR, name);
const splits = (name, read) => Object.fromEntries(["train", "valid", "test"].map((s) => [s, read(s)]));
const disjoint = (sets) => {
  const all = Object.values(sets).flat();
  return new Set(all).size === all.length;
};

test("cada conjunto se regenera idéntico byte a byte (SHA-256 en datasets/HASHES)", async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "atencion-datasets-"));
  try {
    const fresh = await generateAll(tmp);
    assert.deepEqual(fresh, readHashes());
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("los archivos guardados en el repositorio son los de HASHES y pesan menos de 5 MB", () => {
  let bytes = 0;
  for (const [file, hash] of readHashes()) {
    const full = path.join(DATASETS_DIR, file);
    assert.equal(sha256(full), hash, `${file} no coincide con HASHES: vuelve a ejecutar npm run datasets`);
    bytes += statSync(full).size;
  }
  assert.ok(bytes < 5_000_000, `los datos pesan ${bytes} bytes`);
});

test("numeros: las palabras son numberToSpanish; test no comparte ningún número con train", () => {
  const s = splits("numeros", (k) => tsv(dirOf("numeros"), `${k}.tsv`));
  assert.deepEqual(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.length])), { train: 10000, valid: 1000, test: 2000 });
  for (const r of Object.values(s).flat()) assert.equal(r.target, numberToSpanish(Number(r.source)));
  assert.ok(disjoint(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.map((r) => r.source)]))));
  const train = new Set(s.train.map((r) => Number(r.source)));
  for (let n = 0; n < 100; n++) assert.ok(train.has(n), `${n} debería estar en train`);
  assert.ok(Math.max(...s.test.map((r) => Number(r.source))) > 900_000_000);
  for (const form of ["veintiún mil", "un millón", "millones", "quinientos", "cien mil"]) {
    assert.ok(s.test.some((r) => r.target.includes(form)), `ninguna frase de test con "${form}"`);
  }
});

test("fechas: el destino es la fecha ISO de la fuente; las fechas de test no salen en train", () => {
  const s = splits("fechas", (k) => tsv(dirOf("fechas"), `${k}.tsv`));
  const all = Object.values(s).flat();
  for (const r of all) {
    assert.match(r.target, /^(19[5-9]\d|20[0-4]\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
    const d = new Date(`${r.target}T00:00:00Z`);
    assert.equal(d.toISOString().slice(0, 10), r.target, `fecha imposible ${r.target}`);
  }
  const byFormat = (f) => all.find((r) => r.format === f);
  assert.ok(disjoint(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.map((r) => r.target)]))));
  // One row per format, checked by hand against its target.
  const check = (format, re) => {
    const r = byFormat(format);
    const [y, m, d] = r.target.split("-").map(Number);
    assert.match(r.source, re(y, m, d), `${format}: ${r.source} → ${r.target}`);
  };
  const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
  const p2 = (n) => String(n).padStart(2, "0");
  check("largo", (y, m, d) => new RegExp(`^${d} de ${MONTHS[m - 1]} de ${y}$`));
  check("barras_corto", (y, m, d) => new RegExp(`^${p2(d)}/${p2(m)}/${p2(y % 100)}$`));
  check("abreviado_mes_primero", (y, m, d) => new RegExp(`^${MONTHS[m - 1].slice(0, 3)} ${d}, ${y}$`));
  check("año_primero", (y, m, d) => new RegExp(`^${y}/${p2(m)}/${p2(d)}$`));
  // The weekday, by Zeller's congruence (independent of Date): 2024-07-18 is a Thursday.
  const zeller = (y, m, d) => {
    if (m < 3) [y, m] = [y - 1, m + 12];
    const h = (d + Math.floor((13 * (m + 1)) / 5) + y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7;
    return ["sábado", "domingo", "lunes", "martes", "miércoles", "jueves", "viernes"][h];
  };
  assert.equal(zeller(2024, 7, 18), "jueves");
  for (const r of all.filter((x) => x.format === "dia_semana")) {
    const [y, m, d] = r.target.split("-").map(Number);
    assert.equal(r.source.split(",")[0], zeller(y, m, d), r.source);
  }
  assert.equal(new Set(all.map((r) => r.format)).size, 14);
});

test("traduccion: alineamientos válidos y que se cruzan; frases de test nuevas", () => {
  const s = splits("traduccion", (k) => tsv(dirOf("traduccion"), `${k}.tsv`));
  assert.ok(disjoint(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.map((r) => r.source)]))));
  let crossing = 0;
  for (const r of Object.values(s).flat()) {
    const en = r.source.split(" ");
    const es = r.target.split(" ");
    const pairs = r.alignment.split(" ").map((p) => p.split("-").map(Number));
    for (const [i, j] of pairs) assert.ok(i >= 0 && i < en.length && j >= 0 && j < es.length, r.alignment);
    if (pairs.some(([i, j]) => pairs.some(([i2, j2]) => i2 > i && j2 < j))) crossing++;
  }
  assert.ok(crossing > 1000);
  const black = Object.values(s).flat().filter((r) => /^the black dogs \w+$/.test(r.source));
  assert.ok(black.length > 0);
  for (const r of black) assert.match(r.target, /^los perros negros \S+n$/);
});

test("corpus: frases sin repetir entre particiones; pares mínimos que difieren en una palabra", () => {
  const dir = dirOf("corpus");
  const s = splits("corpus", (k) => lines(dir, `${k}.txt`));
  assert.ok(disjoint(s));
  const pairs = tsv(dir, "minimal_pairs.tsv");
  const everything = new Set(Object.values(s).flat());
  const counts = {};
  for (const p of pairs) {
    const [g, b] = [p.good.split(" "), p.bad.split(" ")];
    assert.equal(g.length, b.length);
    assert.equal(g.filter((w, i) => w !== b[i]).length, 1, `${p.good} / ${p.bad}`);
    assert.ok(!everything.has(p.good), `el par mínimo ya está en el corpus: ${p.good}`);
    counts[p.phenomenon] = (counts[p.phenomenon] ?? 0) + 1;
  }
  assert.deepEqual(counts, { "sujeto-verbo": 400, "sustantivo-adjetivo": 400, "pronombre-antecedente": 400 });
});

test("resenas: en valid y test cada reseña tiene una gemela con las mismas palabras y la etiqueta contraria", () => {
  const dir = dirOf("resenas");
  const s = splits("resenas", (k) => tsv(dir, `${k}.tsv`));
  assert.ok(disjoint(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.map((r) => r.text)]))));
  const bag = (text) => words(text).sort().join(" ");
  for (const split of ["valid", "test"]) {
    s[split].forEach((r, i) => {
      const twin = s[split][Number(r.twin)];
      assert.equal(Number(twin.twin), i);
      assert.notEqual(twin.label, r.label);
      assert.equal(bag(twin.text), bag(r.text));
      assert.notEqual(twin.text, r.text);
    });
  }
  for (const rows of Object.values(s)) {
    const positive = rows.filter((r) => r.label === "positiva").length / rows.length;
    assert.ok(Math.abs(positive - 0.5) < 0.03, `proporción de positivas ${positive}`);
  }
  // NSP: a pair marked 1 is two consecutive sentences of one review; about half are 1.
  const texts = s.train.map((r) => r.text);
  const nsp = tsv(dir, "nsp_train.tsv");
  const next = nsp.filter((p) => p.isNext === "1");
  assert.ok(Math.abs(next.length / nsp.length - 0.5) < 0.03);
  for (const p of next.slice(0, 300)) assert.ok(texts.some((t) => t.includes(`${p.first} ${p.second}`)), p.first);
  for (const p of nsp.filter((q) => q.isNext === "0").slice(0, 300)) {
    assert.ok(!texts.some((t) => t.includes(`${p.first} ${p.second}`)), `${p.first} / ${p.second}`);
  }
});
