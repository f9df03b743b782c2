/**
 * The `fechas` data set (lesson 08): dates written in 14 Spanish formats and orders
 * ("18 de julio de 2024", "18/07/24", "jul 18, 2024", "18-VII-2024"…) and the same date in ISO
 * 8601, "2024-07-18". Years 1950–2049; a two-digit year 50–99 means 19xx, 00–49 means 20xx.
 */
import { datasetDir, readSplits, readStringLists, readTsv } from "./files";
import type { DatasetOptions, Splits } from "./files";
import type { Seq2SeqExample } from "./numeros";

/** A date as written (`source`), in ISO form (`target`), and the name of its format. */
export interface FechaExample extends Seq2SeqExample {
  format: string;
}

/** `fechas`: the splits, the characters of each side and the names of the formats. */
export interface FechasData extends Splits<FechaExample> {
  vocab: { source: string[]; target: string[] };
  formats: string[];
}

/** Loads `datasets/fechas` (lesson 08): train 10 000, valid 1 000, test 2 000 dates. */
export function loadFechas(options: DatasetOptions = {}): FechasData {
  const dir = datasetDir("fechas", options);
  const splits = readSplits((file) => readTsv(dir, file, ["source", "target", "format"] as const), ".tsv");
  const vocab = readStringLists(dir, "vocab.json");
  return { ...splits, vocab: { source: vocab.source ?? [], target: vocab.target ?? [] }, formats: vocab.formats ?? [] };
}
