/**
 * The `resenas` data set (the BERT lessons): short product and film reviews labelled by sentiment,
 * where word order and negation decide ("Bonita, pero cara." is negative, "Cara, pero bonita."
 * positive), and sentence pairs for next-sentence prediction. In valid and test every review has
 * a twin with the same words and the opposite label, so a bag of words stays at 50 %.
 */
import { AtencionError } from "../errors";
import { datasetDir, readSplits, readTsv, checkField } from "./files";
import type { DatasetOptions, Splits } from "./files";

/** The labels of `resenas` (BERT lessons). */
export const SENTIMENTS = ["negativa", "positiva"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
/** What a review of `resenas` is about: a product, or a film, series or documentary. */
export const REVIEW_DOMAINS = ["producto", "cine"] as const;
export type ReviewDomain = (typeof REVIEW_DOMAINS)[number];

/** A review and its label. */
export interface Resena {
  text: string;
  label: Sentiment;
  /** `label === "positiva"`, for a 0/1 target: `Number(r.positive)`. */
  positive: boolean;
  domain: ReviewDomain;
  /** The constructions its sentences use ("pero", "aunque", "noSino", "negacion", "simple", …). */
  constructions: string[];
  /** Index, in the same split, of its twin (same words, opposite label), or null if it has none. */
  twin: number | null;
}

/** Two sentences; `isNext` when the second one follows the first in the same review. */
export interface NspPair {
  first: string;
  second: string;
  isNext: boolean;
}

/** `resenas`: the reviews and, from the same splits, the next-sentence pairs. */
export interface ResenasData extends Splits<Resena> {
  nsp: Splits<NspPair>;
}

/** Loads `datasets/resenas` (BERT lessons: classification and next-sentence prediction): train 5 000, valid 600, test 1 000 reviews, and their NSP pairs. */
export function loadResenas(options: DatasetOptions = {}): ResenasData {
  const dir = datasetDir("resenas", options);
  const reviews = readSplits(
    (file) =>
      readTsv(dir, file, ["text", "label", "domain", "constructions", "twin"] as const).map((r, i): Resena => {
        const label = checkField(file, i + 2, "label", r.label, SENTIMENTS);
        const twin = r.twin === "" ? null : Number(r.twin);
        if (twin !== null && !Number.isInteger(twin)) throw new AtencionError(`${file}, línea ${i + 2}: 'twin' inválido.`);
        return {
          text: r.text,
          label,
          positive: label === "positiva",
          domain: checkField(file, i + 2, "domain", r.domain, REVIEW_DOMAINS),
          constructions: r.constructions.split(","),
          twin,
        };
      }),
    ".tsv",
  );
  const nsp = readSplits(
    (file) =>
      readTsv(dir, file, ["first", "second", "isNext"] as const).map((r, i) => ({
        first: r.first,
        second: r.second,
        isNext: checkField(file, i + 2, "isNext", r.isNext, ["0", "1"] as const) === "1",
      })),
    ".tsv",
    "nsp_",
  );
  return { ...reviews, nsp };
}
