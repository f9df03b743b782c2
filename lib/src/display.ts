/**
 * Rich outputs in a notebook (lesson 00): one output carries several MIME types at once, and the
 * front end picks the richest one it can render (see docs/graficos.md).
 *
 * tslab's public `display.*` sends one MIME type per call, so we write through the writer that
 * tslab keeps in its internal `tslab/dist/jupyter` module (tslab is pinned to 1.0.22; a test checks
 * that the writer is still there). We only use that module if the kernel has already loaded it:
 * outside a notebook (tests, command line) nothing is loaded and the plain-text entry is printed.
 */

/** A MIME bundle: MIME type → content (a string, or a JSON object for `application/...+json`). */
export type MimeBundle = Record<string, string | object>;

/** What one call sent: the bundle, its display id and whether it replaced an earlier output. */
export interface SentOutput {
  bundle: MimeBundle;
  displayId: string | undefined;
  update: boolean;
}

type Writer = (out: SentOutput) => void;

interface TslabDisplayData {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string };
}
type TslabWriter = (data: TslabDisplayData, update: boolean) => void;

let capture: SentOutput[] | undefined;
let printText: (line: string) => void = (line) => console.log(line);

/** The writer of the running tslab kernel, or undefined when we are not inside one. */
function tslabWriter(): TslabWriter | undefined {
  let resolved: string;
  try {
    resolved = require.resolve("tslab/dist/jupyter");
  } catch {
    return undefined;
  }
  // Only if the kernel itself loaded it: requiring it here would not make us a kernel.
  const loaded = require.cache[resolved];
  const writer = (loaded?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
  return typeof writer === "function" ? (writer as TslabWriter) : undefined;
}

/** The writer in use: a test capture, the tslab kernel, or plain text. */
function currentWriter(): Writer | undefined {
  if (capture !== undefined) {
    const sink = capture;
    return (out) => sink.push(out);
  }
  const tslab = tslabWriter();
  if (tslab === undefined) return undefined;
  return ({ bundle, displayId, update }) =>
    tslab({ data: bundle, metadata: {}, ...(displayId !== undefined ? { transient: { display_id: displayId } } : {}) }, update);
}

/**
 * True inside a tslab notebook kernel, or while `captureOutputs` records (lesson 00). Outside, the
 * display functions print their plain-text form instead.
 */
export function inNotebook(): boolean {
  return currentWriter() !== undefined;
}

/**
 * Sends one output with several MIME types (lesson 00). `displayId` names it so that a later call with
 * `update: true` and the same id replaces it in place. Outside a notebook, prints `text/plain`
 * (unless `quiet`).
 */
export function displayBundle(bundle: MimeBundle, options: { displayId?: string; update?: boolean; quiet?: boolean } = {}): void {
  const writer = currentWriter();
  const out: SentOutput = { bundle, displayId: options.displayId, update: options.update ?? false };
  if (writer !== undefined) {
    writer(out);
    return;
  }
  const text = bundle["text/plain"];
  if (!options.quiet && typeof text === "string") printText(text);
}

let displayCounter = 0;

/** A fresh display id for an output that will be updated in place. */
export function newDisplayId(): string {
  displayCounter += 1;
  return `atencion-${process.pid.toString(36)}-${Date.now().toString(36)}-${displayCounter}`;
}

/**
 * An output that updates in place, like tslab's `newDisplay()` but with several MIME types per
 * update (lesson 07 uses it for live progress). The first `show` creates it, later ones replace it.
 */
export class LiveOutput {
  private readonly id = newDisplayId();
  private shown = false;

  show(bundle: MimeBundle, options: { quiet?: boolean } = {}): void {
    displayBundle(bundle, { displayId: this.id, update: this.shown, quiet: options.quiet });
    this.shown = true;
  }
}

/**
 * Runs `fn` and returns every output it sent, as a notebook would receive them (for tests and the
 * exercise checkers: the figure specs and HTML can be checked without a kernel).
 */
export function captureOutputs(fn: () => void): SentOutput[] {
  const previous = capture;
  const sink: SentOutput[] = [];
  capture = sink;
  try {
    fn();
  } finally {
    capture = previous;
  }
  return sink;
}

/** Redirects the plain-text fallback (default `console.log`); returns the previous printer. */
export function setTextPrinter(printer: (line: string) => void): (line: string) => void {
  const previous = printText;
  printText = printer;
  return previous;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** JSON that is safe inside an HTML `<script>` element (no `</script>`, no `<!--`). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
