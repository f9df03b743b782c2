// `fechas`: dates written in many Spanish formats and orders → ISO 8601 (YYYY-MM-DD). See README.md.
import { Rng, COURSE_SEED } from "atencion";
import { writeSplits, writeJson, disjointSplits, charVocab } from "../common.mjs";

export const SEED = COURSE_SEED;
const COLUMNS = ["source", "target", "format"];
export const SIZES = { train: 10000, valid: 1000, test: 2000 };
export const FIRST_YEAR = 1950; // two-digit years: 50–99 → 19xx, 00–49 → 20xx
export const LAST_YEAR = 2049;

const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
const ABBR = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
const WEEKDAYS = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"]; // getUTCDay order

const pad = (n) => String(n).padStart(2, "0");

/** The formats, each a function of {y, m, d, w} (m 1–12, w weekday 0–6 from Sunday). Example: 2024-07-18. */
export const FORMATS = {
  largo: ({ y, m, d }) => `${d} de ${MONTHS[m - 1]} de ${y}`, // 18 de julio de 2024
  largo_del: ({ y, m, d }) => `${d} de ${MONTHS[m - 1]} del ${y}`, // 18 de julio del 2024
  dia_semana: ({ y, m, d, w }) => `${WEEKDAYS[w]}, ${d} de ${MONTHS[m - 1]} de ${y}`, // jueves, 18 de julio de 2024
  mes_primero: ({ y, m, d }) => `${MONTHS[m - 1]} ${d}, ${y}`, // julio 18, 2024
  abreviado: ({ y, m, d }) => `${d} ${ABBR[m - 1]} ${y}`, // 18 jul 2024
  abreviado_mes_primero: ({ y, m, d }) => `${ABBR[m - 1]} ${d}, ${y}`, // jul 18, 2024
  abreviado_mayusculas: ({ y, m, d }) => `${pad(d)}-${ABBR[m - 1].toUpperCase()}-${y}`, // 18-JUL-2024
  barras: ({ y, m, d }) => `${pad(d)}/${pad(m)}/${y}`, // 18/07/2024
  barras_corto: ({ y, m, d }) => `${pad(d)}/${pad(m)}/${pad(y % 100)}`, // 18/07/24
  barras_sin_ceros: ({ y, m, d }) => `${d}/${m}/${y}`, // 18/7/2024
  guiones: ({ y, m, d }) => `${pad(d)}-${pad(m)}-${y}`, // 18-07-2024
  puntos: ({ y, m, d }) => `${d}.${m}.${y}`, // 18.7.2024
  romano: ({ y, m, d }) => `${d}-${ROMAN[m - 1]}-${y}`, // 18-VII-2024
  año_primero: ({ y, m, d }) => `${y}/${pad(m)}/${pad(d)}`, // 2024/07/18
};

/** Days since 1970-01-01 → {y, m, d, w}, with the proleptic Gregorian calendar of `Date` (UTC, no clock). */
function fromDay(day) {
  const date = new Date(day * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), w: date.getUTCDay() };
}

export function generate(dir) {
  const rng = new Rng(SEED);
  const first = Date.UTC(FIRST_YEAR, 0, 1) / 86_400_000;
  const last = Date.UTC(LAST_YEAR, 11, 31) / 86_400_000;
  const names = Object.keys(FORMATS);
  // Each date appears in one split only, in one format drawn uniformly.
  const splits = disjointSplits(
    () => first + rng.int(last - first + 1),
    (day) => day,
    SIZES,
  );
  const rows = {};
  for (const [split, days] of Object.entries(splits)) {
    rows[split] = days.map((day) => {
      const date = fromDay(day);
      const format = rng.choice(names);
      return { source: FORMATS[format](date), target: `${date.y}-${pad(date.m)}-${pad(date.d)}`, format };
    });
  }
  const all = Object.values(rows).flat();
  return [
    ...writeSplits(dir, COLUMNS, rows),
    writeJson(dir, "vocab.json", {
      source: charVocab(all.map((r) => r.source)),
      target: charVocab(all.map((r) => r.target)),
      formats: names,
    }),
  ];
}
