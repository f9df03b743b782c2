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

// Training (lesson 07): losses, optimizers, learning-rate schedules, gradient clipping, batching,
// the training loop and metrics.
export { crossEntropy, binaryCrossEntropyWithLogits } from "./losses";
export type { CrossEntropyOptions, Reduction } from "./losses";
export { Optimizer, SGD, Adam, AdamW, gradientOf } from "./optim";
export type { Gradients, SGDConfig, AdamConfig } from "./optim";
export { constantSchedule, inverseSqrtSchedule, warmupCosineSchedule, warmupLinearSchedule } from "./schedules";
export type { Schedule, InverseSqrtScheduleConfig, WarmupDecayConfig } from "./schedules";
export { clipGradNorm, globalNorm } from "./clip";
export { padSequences, idsToTensor, lengthsToMask, padBatch, batches } from "./batching";
export type { PadSide, PadOptions, BatchOptions } from "./batching";
export { train } from "./trainer";
export type { TrainConfig, TrainResult, HistoryEntry, EvalResult } from "./trainer";
export { accuracy, exactMatch, perplexity, perplexityFromLogits } from "./metrics";

// ---------------------------------------------------------------------------------------------
// Attention and transformer blocks (lessons 03–10): torch.nn-compatible layers, masks, KV cache,
// safetensors. Parameter names and shapes follow PyTorch, so its state dicts load unchanged.
// ---------------------------------------------------------------------------------------------
export { Linear, linear } from "./linear";
export type { LinearConfig } from "./linear";
export { LayerNorm } from "./layernorm";
export type { LayerNormConfig } from "./layernorm";
export { Dropout } from "./dropout";
export type { DropoutConfig } from "./dropout";
export { FeedForward, gelu, activate, ACTIVATIONS } from "./feedforward";
export type { Activation, FeedForwardConfig } from "./feedforward";
export { Embedding, LearnedPositionalEmbedding, sinusoidalPositionalEncoding, checkIds } from "./embedding";
export type { EmbeddingConfig, LearnedPositionalEmbeddingConfig, TokenIds } from "./embedding";
export { scaledDotProductAttention, attentionLoop, causalMask, paddingMask, combineMasks, MASKED_SCORE } from "./attention";
export type { AttentionOptions, AttentionResult } from "./attention";
export { MultiHeadAttention, splitHeads, mergeHeads } from "./multihead";
export type { MultiHeadAttentionConfig, MultiHeadAttentionOptions, MultiHeadAttentionResult } from "./multihead";
export { KVCache, LayerCache, TransformerCache } from "./kv_cache";
export type { KVCacheKind } from "./kv_cache";
export { TransformerEncoderLayer, resolveLayerConfig } from "./encoder_layer";
export type { TransformerLayerConfig, TransformerEncoderLayerConfig, TransformerDecoderLayerConfig, ResolvedLayerConfig, EncoderLayerOptions } from "./encoder_layer";
export { TransformerDecoderLayer } from "./decoder_layer";
export type { DecoderLayerOptions, DecoderLayerResult } from "./decoder_layer";
export { loadSafetensors, saveSafetensors } from "./safetensors";
export type { SafetensorsFile } from "./safetensors";
export { checkLastDim, checkDim, checkBroadcastable, checkTensorRank } from "./shape_checks";

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

// ---------------------------------------------------------------------------------------------
// Visualisation (issue 5): plotly figures that show in JupyterLab, the classic Notebook, VS Code and
// HTML exports with no network (docs/graficos.md), LaTeX matrices, the attention explorer and live
// training progress. Each `xxxFigure` returns a pure plotly spec; each `plotXxx` / `showXxx` shows it.
export { inNotebook, displayBundle, captureOutputs, LiveOutput } from "./display";
export type { MimeBundle, SentOutput } from "./display";
export { showFigure, figureBundle, figureHtml, figureText, loadPlotly, resetPlotlyBundle, plotlyVersion, PLOTLY_MIME } from "./plotly";
export type { Figure, Trace, Layout } from "./plotly";
export {
  attentionHeatmapFigure,
  plotAttention,
  attentionGridFigure,
  plotAttentionGrid,
  positionalEncodingFigure,
  plotPositionalEncoding,
  matrixHeatmapFigure,
  plotMatrix,
} from "./heatmaps";
export type { AttentionKind, AttentionPlotOptions, MatrixPlotOptions } from "./heatmaps";
export {
  lineChartFigure,
  plotLines,
  lossCurveFigure,
  plotLoss,
  softmaxWithTemperature,
  nextTokenFigure,
  plotNextToken,
  embeddingMapFigure,
  plotEmbeddings,
} from "./charts";
export type { LineSeries, LineChartOptions, LossPoint, LossHistory, NextTokenOptions, EmbeddingMapOptions } from "./charts";
export { pca } from "./pca";
export type { PcaResult } from "./pca";
export { matrixToLatex, matrixToText, showLatex } from "./latex";
export type { LatexMatrix, LatexEntry, LatexOptions } from "./latex";
export { attentionExplorerHtml, showAttentionExplorer } from "./explorer";
export type { ExplorerOptions } from "./explorer";
export { liveProgress } from "./progress";
export type { LiveProgress, LiveProgressOptions, ProgressPoint } from "./progress";
export type { MatrixLike, VectorLike, StackLike } from "./plain";

// Data sets (datasets/ in the course; loaders and the Spanish number words of lesson 08).
export { numberToSpanish, MAX_SPANISH_NUMBER } from "./datasets/numerals";
export { datasetDir } from "./datasets/files";
export type { DatasetOptions, Splits } from "./datasets/files";
export { loadNumeros } from "./datasets/numeros";
export type { Seq2SeqExample, NumerosData } from "./datasets/numeros";
export { loadFechas } from "./datasets/fechas";
export type { FechaExample, FechasData } from "./datasets/fechas";
export { loadTraduccion } from "./datasets/traduccion";
export type { TraduccionExample, TraduccionData } from "./datasets/traduccion";
export { loadCorpus, AGREEMENT_PHENOMENA } from "./datasets/corpus";
export type { CorpusData, MinimalPair, AgreementPhenomenon } from "./datasets/corpus";
export { loadResenas, SENTIMENTS, REVIEW_DOMAINS } from "./datasets/resenas";
export type { Resena, NspPair, ResenasData, Sentiment, ReviewDomain } from "./datasets/resenas";
export { loadTextFile } from "./datasets/textFile";
export type { TextFileOptions, TextFileData } from "./datasets/textFile";

// Exact arithmetic for the small worked examples (lessons 02 and 03): mathjs, re-exported so that
// notebooks import everything from `atencion` and share one copy.
export * as math from "mathjs";

// ---------------------------------------------------------------------------------------------
// Models, inference and persistence (lessons 08–11): layer stacks, the encoder–decoder
// Transformer, BERT and its heads with the masking recipe, GPT; presets and parameter counts;
// greedy and beam-search decoding, sampling and generation with the KV cache; saving models.
// ---------------------------------------------------------------------------------------------
export { TransformerEncoder, TransformerDecoder } from "./stacks";
export type { TransformerStackConfig, EncoderStackOptions, DecoderStackOptions } from "./stacks";
export { withIdBatch, idRows } from "./model_shared";
export type { IdBatch, ModelSizeConfig } from "./model_shared";
export { Transformer, resolveTransformerConfig } from "./transformer";
export type { TransformerConfig, ResolvedTransformerConfig, TransformerForwardOptions, TransformerDecodeOptions, Seq2SeqAttention, PositionalKind } from "./transformer";
export { Bert, resolveBertConfig, BERT_KINDS } from "./bert";
export type { BertConfig, ResolvedBertConfig, BertKind, BertForwardOptions, BertOutput } from "./bert";
export { BertForPreTraining, BertForSequenceClassification } from "./bert_heads";
export type { BertPreTrainingOutput } from "./bert_heads";
export { maskTokens, IGNORE_INDEX } from "./masking";
export type { MaskTokensOptions, MaskedTokens } from "./masking";
export { Gpt, resolveGptConfig } from "./gpt";
export type { GptConfig, ResolvedGptConfig, GptForwardOptions } from "./gpt";
export { gptNano, gptMicro, gpt2Small, gpt3, bertTiny, bertMini, bertBase, bertLarge, transformerTiny, transformerBase, transformerBig } from "./presets";
export type { ModelConfig } from "./presets";
export { countParameters, parameterBreakdown } from "./parameter_count";
export type { ParameterBreakdown } from "./parameter_count";
export { applyTemperature, topKFilter, topPFilter, sampleFromLogits } from "./sampling";
export { generate } from "./generate";
export type { GenerateOptions } from "./generate";
export { greedyDecode, beamSearch } from "./decoding";
export type { EncoderDecoderModel, GreedyDecodeOptions, BeamSearchOptions, BeamSearchResult, Hypothesis } from "./decoding";
export { saveModel, loadModel, saveModelFile, loadModelFile } from "./persistence";
export type { ModelKind, ModelsByKind, AtencionModel } from "./persistence";

// ---------------------------------------------------------------------------------------------
// Exercises (lesson 01 on): public tests inside the exercise notebooks, and the comparison code
// that the course's grader reuses (one source of truth for verdicts).
export { prueba, cumple, comprobar, runTests, runTest, judgeOutput, callWithInputs, serialInputs, EXERCISE_COLLECTOR } from "./exercises/check";
export type { Prueba, OpcionesPrueba, Propiedad, CallResult, ResumenPruebas } from "./exercises/check";
export { compareSerial, DEFAULT_TOLERANCE } from "./exercises/compare";
export type { Tolerance, Verdict } from "./exercises/compare";
export { toSerial, fromSerial, encodeSerial, decodeSerial, describeSerial, formatNumber, SerialLimitError } from "./exercises/serial";
export type { Serial, SerialLimits } from "./exercises/serial";
