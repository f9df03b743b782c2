/**
 * Bag of words and TF-IDF (lesson 01): one row per document, one column per vocabulary word.
 *
 * Bag of words: `matrix[d][t]` = how many times word t occurs in document d (or 1/0 with `binary`).
 *
 * TF-IDF, exactly as scikit-learn's `TfidfVectorizer` computes it by default:
 *   tf(t, d)  = count of t in d                  (with `sublinearTf`: 1 + ln(count), 0 if count = 0)
 *   idf(t)    = ln((1 + n) / (1 + df(t))) + 1    (`smoothIdf`, the default; n documents, df(t) of them contain t)
 *   idf(t)    = ln(n / df(t)) + 1                (without `smoothIdf`; 0 when df(t) = 0)
 *   w(t, d)   = tf(t, d) · idf(t), then each row divided by its L2 norm (`norm: "l2"`, the default;
 *               "l1" divides by the sum of absolute values, "none" leaves it). Rows of zeros stay zero.
 */
import { AtencionError, checkOneOf, describe } from "../errors";
import { Documents, buildVocabulary, checkDocuments, indexVocabulary } from "./vocabulary";

/** A matrix with named columns: rows are documents (or words), columns are `vocabulary` (lesson 01). */
export interface TermMatrix {
  vocabulary: string[];
  matrix: number[][];
}

/** Options of `bagOfWords` (lesson 01). */
export interface BagOfWordsOptions {
  /** The columns, in order; tokens outside it are ignored. Default: every token, in order of first appearance. */
  vocabulary?: readonly string[];
  /** 1 if the word occurs, 0 if not, instead of counts. Default false. */
  binary?: boolean;
}

/** Options of `tfidf` (lesson 01); see the file comment for the formulas. */
export interface TfIdfOptions {
  /** The columns, in order; tokens outside it are ignored. Default: every token, in order of first appearance. */
  vocabulary?: readonly string[];
  /** Use these idf weights (one per vocabulary word, e.g. from an earlier `tfidf` call) instead of fitting them on `docs`. */
  idf?: readonly number[];
  /** Smooth idf: ln((1 + n) / (1 + df)) + 1. Default true. */
  smoothIdf?: boolean;
  /** tf = 1 + ln(count). Default false. */
  sublinearTf?: boolean;
  /** Row normalisation. Default "l2". */
  norm?: "l2" | "l1" | "none";
}

/** The result of `tfidf`: the weighted matrix and the idf weight of each vocabulary word (lesson 01). */
export interface TfIdfResult extends TermMatrix {
  idf: number[];
}

function columns(where: string, docs: Documents, vocabulary: readonly string[] | undefined): [string[], Map<string, number>] {
  checkDocuments(where, docs);
  const words = vocabulary === undefined ? buildVocabulary(docs).words : [...vocabulary];
  return [words, indexVocabulary(where, words)];
}

/** Word counts per document (lesson 01): `bagOfWords([["el", "perro"], ["el", "gato"]])`. */
export function bagOfWords(docs: Documents, options: BagOfWordsOptions = {}): TermMatrix {
  const [vocabulary, index] = columns("bagOfWords", docs, options.vocabulary);
  const matrix = docs.map((d) => {
    const row = new Array<number>(vocabulary.length).fill(0);
    for (const t of d) {
      const j = index.get(t);
      if (j !== undefined) row[j] = options.binary ? 1 : row[j] + 1;
    }
    return row;
  });
  return { vocabulary, matrix };
}

/** TF-IDF weights per document (lesson 01), scikit-learn's defaults; see the file comment. */
export function tfidf(docs: Documents, options: TfIdfOptions = {}): TfIdfResult {
  const where = "tfidf";
  const { smoothIdf = true, sublinearTf = false, norm = "l2" } = options;
  checkOneOf(where, "norm", norm, ["l2", "l1", "none"] as const);
  const { vocabulary, matrix: counts } = bagOfWords(docs, { vocabulary: options.vocabulary });
  let idf: number[];
  if (options.idf !== undefined) {
    if (!Array.isArray(options.idf) || options.idf.length !== vocabulary.length || !options.idf.every(Number.isFinite)) {
      throw new AtencionError(
        `${where}: 'idf' debe ser una lista de ${vocabulary.length} números (uno por palabra de 'vocabulary'), y es ${describe(options.idf)}.`,
      );
    }
    idf = [...options.idf];
  } else {
    const n = docs.length;
    idf = vocabulary.map((_, j) => {
      const df = counts.reduce((s, row) => s + (row[j] > 0 ? 1 : 0), 0);
      if (smoothIdf) return Math.log((1 + n) / (1 + df)) + 1;
      return df === 0 ? 0 : Math.log(n / df) + 1;
    });
  }
  const matrix = counts.map((row) => {
    const w = row.map((c, j) => (sublinearTf ? (c > 0 ? 1 + Math.log(c) : 0) : c) * idf[j]);
    const size = norm === "l2" ? Math.sqrt(w.reduce((s, x) => s + x * x, 0)) : norm === "l1" ? w.reduce((s, x) => s + Math.abs(x), 0) : 1;
    return size > 0 ? w.map((x) => x / size) : w;
  });
  return { vocabulary, matrix, idf };
}
