/**
 * Your own text, for a character-level GPT (the GPT lesson): any plain UTF-8 file, split into a
 * training part and a validation part (the end of the file), with its characters.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AtencionError, checkNumber } from "../errors";

/** Options of `loadTextFile`. */
export interface TextFileOptions {
  /** Share of the text, taken from its end, kept for validation. Default 0.1; between 0 and 0.5. */
  validFraction?: number;
}

/** A text file ready for a character-level language model. */
export interface TextFileData {
  /** The absolute path of the file. */
  path: string;
  /** The whole text, with "\n" line ends and without a byte-order mark. */
  text: string;
  /** The first (1 − validFraction) of the characters. */
  train: string;
  /** The last validFraction of the characters. */
  valid: string;
  /** Every character of the text once, sorted by code point (accents and emoji are one character). */
  vocab: string[];
}

/**
 * Loads a plain-text file to train a character-level GPT on one's own text (GPT lesson).
 * Errors in Spanish for a missing, empty, binary or non-UTF-8 file.
 */
export function loadTextFile(file: string, options: TextFileOptions = {}): TextFileData {
  const where = "loadTextFile";
  if (typeof file !== "string" || file === "") {
    throw new AtencionError(`${where}: 'file' debe ser la ruta de un archivo de texto.`);
  }
  const validFraction = checkNumber(where, "validFraction", options.validFraction ?? 0.1, 0, 0.5);
  const full = path.resolve(file);
  if (!existsSync(full)) throw new AtencionError(`${where}: no existe el archivo ${full}.`);
  if (!statSync(full).isFile()) throw new AtencionError(`${where}: ${full} no es un archivo (¿es una carpeta?).`);
  const bytes = readFileSync(full);
  if (bytes.includes(0)) {
    throw new AtencionError(`${where}: ${full} parece un archivo binario (contiene bytes nulos), no texto.`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AtencionError(`${where}: ${full} no es texto UTF-8. Guárdalo con codificación UTF-8 y vuelve a probar.`);
  }
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (text.trim() === "") throw new AtencionError(`${where}: ${full} está vacío (no tiene texto).`);
  const chars = Array.from(text); // code points, so that no character is cut in half
  const cut = Math.round(chars.length * (1 - validFraction));
  const train = chars.slice(0, cut).join("");
  const valid = chars.slice(cut).join("");
  if (train === "" || (validFraction > 0 && valid === "")) {
    throw new AtencionError(
      `${where}: ${full} tiene solo ${chars.length} caracteres: demasiado poco para separar entrenamiento y validación.`,
    );
  }
  const vocab = [...new Set(chars)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  return { path: full, text, train, valid, vocab };
}
