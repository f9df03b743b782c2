/**
 * The `corpus` data set (lessons on GPT, BERT's masked language model and static embeddings):
 * Spanish sentences from a probabilistic grammar with long-distance agreement, and minimal pairs
 * (a sentence and the same sentence with one agreement broken) to measure what a model learned.
 */
import { datasetDir, readDatasetLines, readSplits, readTsv, checkField } from "./files";
import type { DatasetOptions, Splits } from "./files";

/** The agreement phenomena of the minimal pairs (GPT and BERT lessons). */
export const AGREEMENT_PHENOMENA = ["sujeto-verbo", "sustantivo-adjetivo", "pronombre-antecedente"] as const;
export type AgreementPhenomenon = (typeof AGREEMENT_PHENOMENA)[number];

/** A grammatical sentence and the same sentence with one agreement broken. */
export interface MinimalPair {
  good: string;
  bad: string;
  phenomenon: AgreementPhenomenon;
}

/** `corpus`: one sentence per element in each split, and 1 200 minimal pairs (400 per phenomenon). */
export interface CorpusData extends Splits<string> {
  minimalPairs: MinimalPair[];
}

/** Loads `datasets/corpus` (GPT, BERT masked-LM and embeddings lessons): train 15 000, valid 1 000, test 1 000 sentences, and the minimal pairs. */
export function loadCorpus(options: DatasetOptions = {}): CorpusData {
  const dir = datasetDir("corpus", options);
  const splits = readSplits((file) => readDatasetLines(dir, file), ".txt");
  const minimalPairs = readTsv(dir, "minimal_pairs.tsv", ["good", "bad", "phenomenon"] as const).map((r, i) => ({
    good: r.good,
    bad: r.bad,
    phenomenon: checkField("minimal_pairs.tsv", i + 2, "phenomenon", r.phenomenon, AGREEMENT_PHENOMENA),
  }));
  return { ...splits, minimalPairs };
}
