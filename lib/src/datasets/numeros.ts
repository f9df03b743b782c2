/**
 * The `numeros` data set (lesson 08, the encoder–decoder): integers written with digits and the
 * same integers in Spanish words, "347" → "trescientos cuarenta y siete". Test numbers never
 * appear in train, so exact-match accuracy on test measures generalisation.
 */
import { datasetDir, readSplits, readStringLists, readTsv } from "./files";
import type { DatasetOptions, Splits } from "./files";

/** A source sequence and the target sequence a model should produce from it. */
export interface Seq2SeqExample {
  source: string;
  target: string;
}

/** `numeros`: the splits and the symbols of each side, ready for a character or word tokenizer. */
export interface NumerosData extends Splits<Seq2SeqExample> {
  vocab: {
    /** The digits "0"–"9". */
    source: string[];
    /** Every word of the targets ("cien", "veintiún", "millones", "y", …), sorted. */
    targetWords: string[];
    /** Every character of the targets, with the space, sorted. */
    targetChars: string[];
  };
}

/** Loads `datasets/numeros` (lesson 08): train 10 000, valid 1 000, test 2 000 examples. */
export function loadNumeros(options: DatasetOptions = {}): NumerosData {
  const dir = datasetDir("numeros", options);
  const splits = readSplits((file) => readTsv(dir, file, ["source", "target"] as const), ".tsv");
  const vocab = readStringLists(dir, "vocab.json");
  return {
    ...splits,
    vocab: { source: vocab.source ?? [], targetWords: vocab.targetWords ?? [], targetChars: vocab.targetChars ?? [] },
  };
}
