/**
 * The special tokens shared by every tokenizer of the course (lesson 01), with fixed ids 0..6.
 *
 * Every vocabulary starts with these seven tokens in this order, so `[PAD]` is always 0 and
 * `[MASK]` always 6, whichever tokenizer made the ids.
 */
import { AtencionError, describe } from "../errors";

/** Padding, fills short sequences in a batch (lesson 01). */
export const PAD_ID = 0;
/** Unknown: a word or character the vocabulary does not have (lesson 01). */
export const UNK_ID = 1;
/** Beginning of sequence (lesson 01). */
export const BOS_ID = 2;
/** End of sequence (lesson 01). */
export const EOS_ID = 3;
/** Classification token that starts a BERT input (lesson 01). */
export const CLS_ID = 4;
/** Separator between the two segments of a BERT input (lesson 01). */
export const SEP_ID = 5;
/** The masked position of masked language modelling (lesson 01). */
export const MASK_ID = 6;

/** The special tokens, indexed by their ids: `SPECIAL_TOKENS[PAD_ID] === "[PAD]"` (lesson 01). */
export const SPECIAL_TOKENS: readonly string[] = Object.freeze([
  "[PAD]",
  "[UNK]",
  "[BOS]",
  "[EOS]",
  "[CLS]",
  "[SEP]",
  "[MASK]",
]);

/** Strings that look like a special token: capital letters between square brackets. */
const SPECIAL_SHAPE = /^\[[A-Z]+\]$/;
/** Finds the seven special tokens inside a text. */
const SPECIAL_IN_TEXT = /\[(?:PAD|UNK|BOS|EOS|CLS|SEP|MASK)\]/g;

/** True if `token` is one of the seven special tokens (lesson 01). */
export function isSpecialToken(token: string): boolean {
  return SPECIAL_TOKENS.includes(token);
}

/** True if `token` has the shape of a special token, e.g. `"[FOO]"`, known or not. */
export function looksSpecial(token: string): boolean {
  return SPECIAL_SHAPE.test(token);
}

/**
 * The id of a special token: `specialTokenId("[MASK]") === 6` (lesson 01).
 * Throws a Spanish error for anything else, e.g. `"[FOO]"`.
 */
export function specialTokenId(token: string): number {
  const id = SPECIAL_TOKENS.indexOf(token);
  if (id < 0) {
    throw new AtencionError(
      `specialTokenId: token especial desconocido ${describe(token)}; los tokens especiales son ${SPECIAL_TOKENS.join(" ")}.`,
    );
  }
  return id;
}

/** A piece of text: either plain text, or one special token written in it (e.g. "[SEP]"). */
export type TextPiece = { text: string } | { special: number };

/**
 * Splits a text around the special tokens written in it, so that "[CLS] hola [SEP]" keeps
 * "[CLS]" and "[SEP]" whole. Empty plain pieces are dropped.
 */
export function splitOnSpecialTokens(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(SPECIAL_IN_TEXT)) {
    const at = m.index ?? 0;
    if (at > last) pieces.push({ text: text.slice(last, at) });
    pieces.push({ special: SPECIAL_TOKENS.indexOf(m[0]) });
    last = at + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
