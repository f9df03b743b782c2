/**
 * The simplest tokenizer (lesson 01): one token per character.
 *
 * The vocabulary is the seven special tokens followed by every character of the training text,
 * sorted by code point. Characters are Unicode code points (`Array.from(text)`), so "ñ" or an emoji
 * is one token. Special tokens written in a text ("[CLS]", "[SEP]", …) stay whole.
 */
import { AtencionError, describe } from "../errors";
import { SPECIAL_TOKENS, splitOnSpecialTokens } from "./special";
import { Tokenizer, TokenizerJSON, checkText, checkTexts, parseTokenizerJSON } from "./tokenizer";

/** Character-level tokenizer (lesson 01): `CharTokenizer.train("hola mundo").encode("hola")`. */
export class CharTokenizer extends Tokenizer {
  readonly type = "char" as const;

  /** A tokenizer with this vocabulary (special tokens first, then one character per token). */
  constructor(vocab: readonly string[]) {
    super("CharTokenizer", vocab);
    vocab.slice(SPECIAL_TOKENS.length).forEach((t) => {
      if (Array.from(t).length !== 1) {
        throw new AtencionError(`CharTokenizer: cada token debe ser un solo carácter, y hay ${describe(t)}.`);
      }
    });
  }

  /** Builds the vocabulary from a text or a list of texts: every character seen, sorted. */
  static train(texts: string | readonly string[]): CharTokenizer {
    const chars = new Set<string>();
    for (const text of checkTexts("CharTokenizer.train", texts)) {
      for (const piece of splitOnSpecialTokens(text)) {
        if ("text" in piece) for (const c of piece.text) chars.add(c);
      }
    }
    return new CharTokenizer([...SPECIAL_TOKENS, ...[...chars].sort()]);
  }

  /** Loads a tokenizer saved with `toJSON` / `JSON.stringify`. */
  static fromJSON(json: string | object): CharTokenizer {
    return new CharTokenizer(parseTokenizerJSON("CharTokenizer.fromJSON", json, "char").vocab);
  }

  /** One token per character; special tokens written in the text stay whole. */
  tokenize(text: string): string[] {
    checkText("CharTokenizer.tokenize", "text", text);
    return splitOnSpecialTokens(text).flatMap((p) => ("text" in p ? Array.from(p.text) : [SPECIAL_TOKENS[p.special]]));
  }

  protected detokenize(tokens: string[]): string {
    return tokens.join("");
  }

  toJSON(): TokenizerJSON {
    return { type: this.type, version: 1, vocab: [...this.vocabulary] };
  }
}
