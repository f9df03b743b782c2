/**
 * `atencion`: the transformer of the Atención course, on TensorFlow.js.
 *
 * The public API, grouped by the lesson that teaches each part. Notebooks import only from here.
 */

// Lesson 00: TensorFlow.js, backends.
export { tf, ready, useBackend, availableBackends, backendName, hasTfjsNode, BACKENDS } from "./backend";
export type { BackendName } from "./backend";

// Reproducible randomness, input validation, the module base class.
export { Rng, COURSE_SEED } from "./random";
export { AtencionError, formatShape, checkRank, checkShape, checkTensor, checkInt, checkNumber, checkOneOf } from "./errors";
export { Module } from "./module";
export type { StateDict } from "./module";

// Tokenizers and text representations (lesson 01).
export {
  PAD_ID,
  UNK_ID,
  BOS_ID,
  EOS_ID,
  CLS_ID,
  SEP_ID,
  MASK_ID,
  SPECIAL_TOKENS,
  isSpecialToken,
  specialTokenId,
} from "./tokenizers/special";
export { Tokenizer } from "./tokenizers/tokenizer";
export type { TokenizerType, TokenizerJSON, DecodeOptions, EncodeBatchOptions, EncodedBatch } from "./tokenizers/tokenizer";
export { CharTokenizer } from "./tokenizers/char";
export { WordTokenizer, splitWords, joinWords } from "./tokenizers/word";
export type { WordTokenizerOptions } from "./tokenizers/word";
export { BpeTokenizer, BPE_SPACE, bpeChunks } from "./tokenizers/bpe";
export type { BpeTrainOptions, BpeStep, BpeWork } from "./tokenizers/bpe";
export { loadTokenizer } from "./tokenizers/load";
export { buildVocabulary } from "./representations/vocabulary";
export type { Documents, Vocabulary, VocabularyOptions } from "./representations/vocabulary";
export { bagOfWords, tfidf } from "./representations/bow";
export type { TermMatrix, BagOfWordsOptions, TfIdfOptions, TfIdfResult } from "./representations/bow";
export { cooccurrenceMatrix, ppmi } from "./representations/cooccurrence";
export type { CooccurrenceOptions, PpmiOptions } from "./representations/cooccurrence";
export { truncatedSvd, svdEmbeddings } from "./representations/svd";
export type { TruncatedSvd, TruncatedSvdOptions } from "./representations/svd";
export { WordVectors, cosineSimilarity, cosineSimilarityMatrix } from "./representations/wordvectors";
export type { Neighbour, WordVectorsJSON } from "./representations/wordvectors";
export { trainSkipGram } from "./representations/skipgram";
export type { SkipGramOptions, SkipGramResult } from "./representations/skipgram";
