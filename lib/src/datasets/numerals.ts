/**
 * Integers written out in Spanish words, the task of the encoder–decoder lesson (lesson 08) and
 * the generator of the `numeros` data set.
 *
 * The rules, as the RAE gives them for cardinal numbers (masculine forms):
 * - 0–29 are single words, several with accents: dieciséis, veintidós, veintitrés, veintiséis.
 * - 31–99 are "tens y units": treinta y uno, noventa y nueve.
 * - 100 is "cien"; 101–199 start with "ciento"; the hundreds are irregular (quinientos,
 *   setecientos, novecientos).
 * - "uno" shortens to "un" before "mil" and "millón/millones" (veintiún mil, doscientos un
 *   millones), but 1 000 is just "mil" (not "un mil") while 1 000 000 is "un millón".
 * - Millions: "un millón", "dos millones"; what follows the millions is written on as usual
 *   ("un millón mil" is 1 001 000).
 */
import { AtencionError, describe } from "../errors";

/** The largest number `numberToSpanish` writes out (lesson 08): 999 999 999 999, just under a billón. */
export const MAX_SPANISH_NUMBER = 999_999_999_999;

const UNITS = [
  "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
  "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
  "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete",
  "veintiocho", "veintinueve",
];
const TENS = ["", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"];
const HUNDREDS = [
  "", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos", "setecientos",
  "ochocientos", "novecientos",
];

/**
 * 1–999 in words. With `apocope`, a final "uno" becomes "un" (before "mil" or "millones"):
 * "veintiuno" → "veintiún", "treinta y uno" → "treinta y un".
 */
function below1000(n: number, apocope: boolean): string {
  const words: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h > 0) words.push(h === 1 && rest === 0 ? "cien" : HUNDREDS[h]);
  if (rest > 0) {
    if (rest < 30) words.push(UNITS[rest]);
    else {
      words.push(TENS[Math.floor(rest / 10)]);
      if (rest % 10 > 0) words.push("y", UNITS[rest % 10]);
    }
  }
  if (apocope) {
    const last = words[words.length - 1];
    if (last === "uno") words[words.length - 1] = "un";
    else if (last === "veintiuno") words[words.length - 1] = "veintiún";
  }
  return words.join(" ");
}

/** 1–999 999 in words: "[thousands] mil [rest]". `apocope` applies to the final group. */
function below1e6(n: number, apocope: boolean): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (thousands === 1) words.push("mil");
  else if (thousands > 1) words.push(below1000(thousands, true), "mil");
  if (rest > 0) words.push(below1000(rest, apocope));
  return words.join(" ");
}

/**
 * Writes a non-negative integer up to 999 999 999 999 in Spanish words (lesson 08).
 *
 * ```ts
 * numberToSpanish(347)        // "trescientos cuarenta y siete"
 * numberToSpanish(21_000)     // "veintiún mil"
 * numberToSpanish(1_001_000)  // "un millón mil"
 * ```
 */
export function numberToSpanish(n: number): string {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > MAX_SPANISH_NUMBER) {
    throw new AtencionError(
      `numberToSpanish: 'n' debe ser un entero entre 0 y ${MAX_SPANISH_NUMBER}, y es ${describe(n)}.`,
    );
  }
  if (n === 0) return "cero";
  const millions = Math.floor(n / 1_000_000);
  const rest = n % 1_000_000;
  const words: string[] = [];
  if (millions === 1) words.push("un millón");
  else if (millions > 1) words.push(below1e6(millions, true), "millones");
  if (rest > 0) words.push(below1e6(rest, false));
  return words.join(" ");
}
