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
} from "./heatmaps";
export type { AttentionKind, AttentionPlotOptions } from "./heatmaps";
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
