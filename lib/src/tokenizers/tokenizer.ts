/**
 * What every tokenizer of the course shares (lesson 01): a vocabulary that starts with the seven
 * special tokens, `encode` / `decode`, token ↔ id look-ups, a batch helper, and JSON save / load.
 *
 * A subclass only says how a text is cut into tokens (`tokenize`) and how tokens are glued back
 * into a text (`detokenize`).
 */
import { AtencionError, checkInt, describe } from "../errors";
import { BOS_ID, EOS_ID, PAD_ID, SPECIAL_TOKENS, UNK_ID, looksSpecial } from "./special";

/** The tokenizers that `loadTokenizer` knows, by the `type` field of their JSON (lesson 01). */
export type TokenizerType = "char" | "word" | "bpe";

/** The saved form of a tokenizer: `JSON.stringify(tokenizer)` writes it (lesson 01). */
export interface TokenizerJSON {
  type: TokenizerType;
  /** Format version, 1. */
  version: number;
  /** Every token, indexed by id; starts with `SPECIAL_TOKENS`. */
  vocab: string[];
  /** Further fields of each tokenizer type (e.g. `lowercase`, `merges`). */
  [key: string]: unknown;
}

/** Options of `decode` (lesson 01). */
export interface DecodeOptions {
  /** Drop the special tokens ([PAD], [BOS], …) instead of writing them. Default false. */
  skipSpecialTokens?: boolean;
}

/** Options of `encodeBatch` (lesson 01). */
export interface EncodeBatchOptions {
  /** Put `[BOS]` first. Default false. */
  addBos?: boolean;
  /** Put `[EOS]` last. Default false. */
  addEos?: boolean;
  /** Cut every sequence to at most this many ids (counting [BOS]/[EOS], which are kept). Default: no limit. */
  maxLen?: number;
  /** Fill with `[PAD]` up to `maxLen`, or up to the longest sequence if there is no `maxLen`. Default true. */
  pad?: boolean;
}

/** The result of `encodeBatch` (lesson 01): ids `[B, T]` (padded unless `pad: false`) and the real lengths. */
export interface EncodedBatch {
  ids: number[][];
  /** Ids before padding, per sequence. */
  lengths: number[];
}

/** Throws a Spanish error unless `text` is a string. */
export function checkText(where: string, name: string, text: unknown): asserts text is string {
  if (typeof text !== "string") {
    throw new AtencionError(`${where}: '${name}' debe ser una cadena de texto (string), y recibí ${describe(text)}.`);
  }
}

/** Throws a Spanish error unless `texts` is a string or a list of strings; returns the list. */
export function checkTexts(where: string, texts: unknown): string[] {
  const list = typeof texts === "string" ? [texts] : texts;
  if (!Array.isArray(list)) {
    throw new AtencionError(`${where}: 'texts' debe ser un texto o una lista de textos, y recibí ${describe(texts)}.`);
  }
  list.forEach((t, i) => checkText(where, `texts[${i}]`, t));
  return list as string[];
}

/** Parses a saved tokenizer (a JSON string or the object) and checks its `type` and `vocab`. */
export function parseTokenizerJSON(where: string, json: unknown, type?: TokenizerType): TokenizerJSON {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new AtencionError(`${where}: el texto no es JSON válido (${(e as Error).message}).`);
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new AtencionError(`${where}: se esperaba el objeto JSON de un tokenizador, y recibí ${describe(value)}.`);
  }
  const obj = value as Record<string, unknown>;
  if (type !== undefined && obj.type !== type) {
    throw new AtencionError(`${where}: el JSON es de un tokenizador de tipo ${describe(obj.type)}, no "${type}".`);
  }
  if (!Array.isArray(obj.vocab) || !obj.vocab.every((t) => typeof t === "string")) {
    throw new AtencionError(`${where}: el campo 'vocab' debe ser una lista de cadenas, y es ${describe(obj.vocab)}.`);
  }
  return obj as TokenizerJSON;
}

/** The shared base of `CharTokenizer`, `WordTokenizer` and `BpeTokenizer` (lesson 01). */
export abstract class Tokenizer {
  /** The tokenizer's kind, also the `type` field of its JSON. */
  abstract readonly type: TokenizerType;
  private readonly tokens: readonly string[];
  private readonly ids: ReadonlyMap<string, number>;

  /** `vocab` lists every token by id and must start with `SPECIAL_TOKENS`, without repetitions. */
  protected constructor(where: string, vocab: readonly string[]) {
    SPECIAL_TOKENS.forEach((s, i) => {
      if (vocab[i] !== s) {
        throw new AtencionError(
          `${where}: el vocabulario debe empezar por ${SPECIAL_TOKENS.join(" ")}; en la posición ${i} hay ${describe(vocab[i])}.`,
        );
      }
    });
    const ids = new Map<string, number>();
    vocab.forEach((t, i) => {
      if (ids.has(t)) throw new AtencionError(`${where}: el token ${describe(t)} aparece dos veces en el vocabulario.`);
      ids.set(t, i);
    });
    this.tokens = Object.freeze(vocab.slice());
    this.ids = ids;
  }

  /** How many tokens the vocabulary has, the special ones included: ids run from 0 to `vocabSize - 1`. */
  get vocabSize(): number {
    return this.tokens.length;
  }

  /** Every token, indexed by id. */
  get vocabulary(): readonly string[] {
    return this.tokens;
  }

  /**
   * The id of a token; `UNK_ID` if the vocabulary does not have it. A string shaped like a special
   * token that is not one (e.g. "[FOO]") is an error.
   */
  tokenToId(token: string): number {
    checkText(`${this.constructor.name}.tokenToId`, "token", token);
    const id = this.ids.get(token);
    if (id !== undefined) return id;
    if (looksSpecial(token)) {
      throw new AtencionError(
        `${this.constructor.name}.tokenToId: token especial desconocido ${describe(token)}; los tokens especiales son ${SPECIAL_TOKENS.join(" ")}.`,
      );
    }
    return UNK_ID;
  }

  /** The token with id `id`; an error if `id` is not an integer in [0, vocabSize − 1]. */
  idToToken(id: number): string {
    checkInt(`${this.constructor.name}.idToToken`, "id", id, 0, this.vocabSize - 1);
    return this.tokens[id];
  }

  /** Whether the vocabulary has `token`. */
  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** Cuts a text into tokens (strings), before looking them up in the vocabulary. */
  abstract tokenize(text: string): string[];

  /** Glues tokens back into a text: the inverse of `tokenize`. */
  protected abstract detokenize(tokens: string[]): string;

  /** The saved form; `JSON.stringify(tokenizer)` uses it. */
  abstract toJSON(): TokenizerJSON;

  /** Text → ids. Tokens outside the vocabulary become `UNK_ID`. */
  encode(text: string): number[] {
    checkText(`${this.constructor.name}.encode`, "text", text);
    return this.tokenize(text).map((t) => this.ids.get(t) ?? UNK_ID);
  }

  /** Ids → text. Every id must be an integer in [0, vocabSize − 1]. */
  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
    const where = `${this.constructor.name}.decode`;
    if (ids === null || typeof ids !== "object" || typeof ids.length !== "number" || "shape" in ids) {
      throw new AtencionError(`${where}: 'ids' debe ser una lista de enteros, y recibí ${describe(ids)}.`);
    }
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = checkInt(where, `ids[${i}]`, ids[i], 0, this.vocabSize - 1);
      if (options.skipSpecialTokens && id < SPECIAL_TOKENS.length) continue;
      tokens.push(this.tokens[id]);
    }
    return this.detokenize(tokens);
  }

  /**
   * Encodes several texts at once, optionally with `[BOS]`/`[EOS]`, cut to `maxLen` and padded with
   * `[PAD]` (id 0). Returns the ids `[B, T]` and each sequence's real length.
   */
  encodeBatch(texts: readonly string[], options: EncodeBatchOptions = {}): EncodedBatch {
    const where = `${this.constructor.name}.encodeBatch`;
    if (!Array.isArray(texts)) {
      throw new AtencionError(`${where}: 'texts' debe ser una lista de textos, y recibí ${describe(texts)}.`);
    }
    const list = checkTexts(where, texts);
    const { addBos = false, addEos = false, pad = true } = options;
    const extra = (addBos ? 1 : 0) + (addEos ? 1 : 0);
    const maxLen = options.maxLen === undefined ? undefined : checkInt(where, "maxLen", options.maxLen, Math.max(1, extra));
    const seqs = list.map((text) => {
      let ids = this.encode(text);
      if (maxLen !== undefined) ids = ids.slice(0, maxLen - extra);
      return [...(addBos ? [BOS_ID] : []), ...ids, ...(addEos ? [EOS_ID] : [])];
    });
    const lengths = seqs.map((s) => s.length);
    if (!pad) return { ids: seqs, lengths };
    const width = maxLen ?? Math.max(0, ...lengths);
    return { ids: seqs.map((s) => [...s, ...new Array<number>(width - s.length).fill(PAD_ID)]), lengths };
  }
}
