/**
 * The `traduccion` data set (lesson 08, cross-attention): English → Spanish sentence pairs from
 * a small synchronous grammar, with the word alignments. Adjectives move behind the noun in mirror
 * order and agree in gender and number ("the big black dogs" → "los perros negros grandes"), so the
 * alignments cross.
 */
import { AtencionError } from "../errors";
import { datasetDir, readSplits, readStringLists, readTsv } from "./files";
import type { DatasetOptions, Splits } from "./files";
import type { Seq2SeqExample } from "./numeros";

/** A sentence pair; `alignment` lists [English word index, Spanish word index] pairs (from 0). */
export interface TraduccionExample extends Seq2SeqExample {
  alignment: [number, number][];
}

/** `traduccion`: the splits and the words of each language (sentences are lower case, words split by spaces). */
export interface TraduccionData extends Splits<TraduccionExample> {
  vocab: { source: string[]; target: string[] };
}

function parseAlignment(text: string, where: string): [number, number][] {
  return text.split(" ").map((pair) => {
    const m = /^(\d+)-(\d+)$/.exec(pair);
    if (m === null) throw new AtencionError(`${where}: alineamiento inválido "${pair}" (se espera "i-j").`);
    return [Number(m[1]), Number(m[2])];
  });
}

/** Loads `datasets/traduccion` (lesson 08, cross-attention): train 8 000, valid 500, test 1 000 sentence pairs. */
export function loadTraduccion(options: DatasetOptions = {}): TraduccionData {
  const dir = datasetDir("traduccion", options);
  const splits = readSplits(
    (file) =>
      readTsv(dir, file, ["source", "target", "alignment"] as const).map((r, i) => ({
        source: r.source,
        target: r.target,
        alignment: parseAlignment(r.alignment, `${file}, línea ${i + 2}`),
      })),
    ".tsv",
  );
  const vocab = readStringLists(dir, "vocab.json");
  return { ...splits, vocab: { source: vocab.source ?? [], target: vocab.target ?? [] } };
}
