/**
 * A word tokenizer for Spanish (lesson 01).
 *
 * Cutting: a word is a letter followed by letters, accents or digits ("canción", "pingüino",
 * "año2000"); a number is digits with inner "." or "," ("3,5", "1.000"); every other visible
 * character (¿ ¡ . , ; : ? ! « » " ( ) …) is a token of its own. Spaces separate tokens and are
 * not kept. With `lowercase` (the default) the text is lowercased first; accents and "ñ" are kept.
 *
 * Gluing back (`decode`): tokens are joined with one space, except no space after an opening sign
 * (¿ ¡ ( [ { « “ ‘) and none before a closing one (. , ; : ? ! ) ] } » ” ’ … %), none around "-"
 * and "/", and straight quotes (" ') alternate between opening and closing. So text written
 * with these conventions, single spaces and no line breaks comes back exactly.
 */
import { AtencionError, checkInt, describe } from "../errors";
import { SPECIAL_TOKENS, isSpecialToken, splitOnSpecialTokens } from "./special";
import { Tokenizer, TokenizerJSON, checkText, checkTexts, parseTokenizerJSON } from "./tokenizer";

/** Options of `WordTokenizer.train` (lesson 01). */
export interface WordTokenizerOptions {
  /** Lowercase the text before cutting it. Default true. */
  lowercase?: boolean;
  /** Keep only words seen at least this many times; the rest become `[UNK]`. Default 1. */
  minFrequency?: number;
  /** At most this many tokens in all, the seven special ones included (the most frequent words win). Default: no limit. */
  maxVocabSize?: number;
}

const WORD = /\p{L}[\p{L}\p{M}\p{N}]*|\p{N}+(?:[.,]\p{N}+)*|\S/gu;
const NO_SPACE_AFTER = new Set(["¿", "¡", "(", "[", "{", "«", "“", "‘"]);
const NO_SPACE_BEFORE = new Set([".", ",", ";", ":", "?", "!", ")", "]", "}", "»", "”", "’", "…", "%"]);
const JOINERS = new Set(["-", "/"]);
const STRAIGHT_QUOTES = new Set(['"', "'"]);

/** Cuts Spanish text into words, numbers and single punctuation signs (lesson 01). No lowercasing. */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Joins word tokens into text with Spanish spacing around punctuation (lesson 01); see the file comment. */
export function joinWords(tokens: readonly string[]): string {
  let out = "";
  let glueNext = true; // no space before the first token
  const open = new Map<string, boolean>(); // straight quote → is one open?
  for (const t of tokens) {
    let glueBefore = NO_SPACE_BEFORE.has(t) || JOINERS.has(t);
    let glueAfter = NO_SPACE_AFTER.has(t) || JOINERS.has(t);
    if (STRAIGHT_QUOTES.has(t)) {
      const closing = open.get(t) ?? false;
      open.set(t, !closing);
      glueBefore = closing;
      glueAfter = !closing;
    }
    out += glueNext || glueBefore ? t : " " + t;
    glueNext = glueAfter;
  }
  return out;
}

/** Word-level tokenizer for Spanish (lesson 01): `WordTokenizer.train(corpus, { minFrequency: 2 })`. */
export class WordTokenizer extends Tokenizer {
  readonly type = "word" as const;
  /** Whether text is lowercased before cutting. */
  readonly lowercase: boolean;

  /** A tokenizer with this vocabulary (special tokens first). */
  constructor(vocab: readonly string[], options: { lowercase?: boolean } = {}) {
    super("WordTokenizer", vocab);
    this.lowercase = options.lowercase ?? true;
  }

  /**
   * Builds the vocabulary from a text or a list of texts: the special tokens, then the words by
   * decreasing frequency (ties: first seen first), keeping those seen `minFrequency` times or more,
   * up to `maxVocabSize` tokens in all.
   */
  static train(texts: string | readonly string[], options: WordTokenizerOptions = {}): WordTokenizer {
    const where = "WordTokenizer.train";
    const list = checkTexts(where, texts);
    const { lowercase = true, minFrequency = 1, maxVocabSize } = options;
    checkInt(where, "minFrequency", minFrequency, 1);
    if (maxVocabSize !== undefined) checkInt(where, "maxVocabSize", maxVocabSize, SPECIAL_TOKENS.length);
    const probe = new WordTokenizer(SPECIAL_TOKENS, { lowercase });
    const counts = new Map<string, number>(); // insertion order = first seen
    for (const text of list) {
      for (const w of probe.tokenize(text)) if (!isSpecialToken(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const words = [...counts.entries()]
      .filter(([, n]) => n >= minFrequency)
      .map(([w, n], order) => ({ w, n, order }))
      .sort((a, b) => b.n - a.n || a.order - b.order)
      .map(({ w }) => w);
    const keep = maxVocabSize === undefined ? words : words.slice(0, maxVocabSize - SPECIAL_TOKENS.length);
    return new WordTokenizer([...SPECIAL_TOKENS, ...keep], { lowercase });
  }

  /** Loads a tokenizer saved with `toJSON` / `JSON.stringify`. */
  static fromJSON(json: string | object): WordTokenizer {
    const obj = parseTokenizerJSON("WordTokenizer.fromJSON", json, "word");
    if (typeof obj.lowercase !== "boolean") {
      throw new AtencionError(`WordTokenizer.fromJSON: el campo 'lowercase' debe ser true o false, y es ${describe(obj.lowercase)}.`);
    }
    return new WordTokenizer(obj.vocab, { lowercase: obj.lowercase });
  }

  /** Words, numbers and punctuation signs (lowercased if `lowercase`); special tokens stay whole. */
  tokenize(text: string): string[] {
    checkText("WordTokenizer.tokenize", "text", text);
    return splitOnSpecialTokens(text).flatMap((p) =>
      "text" in p ? splitWords(this.lowercase ? p.text.toLowerCase() : p.text) : [SPECIAL_TOKENS[p.special]],
    );
  }

  protected detokenize(tokens: string[]): string {
    return joinWords(tokens);
  }

  toJSON(): TokenizerJSON {
    return { type: this.type, version: 1, lowercase: this.lowercase, vocab: [...this.vocabulary] };
  }
}
