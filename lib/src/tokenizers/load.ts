/**
 * Loading any saved tokenizer by its `type` field (lesson 01).
 */
import { AtencionError, describe } from "../errors";
import { BpeTokenizer } from "./bpe";
import { CharTokenizer } from "./char";
import { Tokenizer, parseTokenizerJSON } from "./tokenizer";
import { WordTokenizer } from "./word";

/**
 * Rebuilds a tokenizer from its JSON (a string or the parsed object), whatever its type
 * ("char", "word" or "bpe") (lesson 01): `loadTokenizer(JSON.stringify(tok))`.
 */
export function loadTokenizer(json: string | object): Tokenizer {
  const obj = parseTokenizerJSON("loadTokenizer", json);
  switch (obj.type) {
    case "char":
      return CharTokenizer.fromJSON(obj);
    case "word":
      return WordTokenizer.fromJSON(obj);
    case "bpe":
      return BpeTokenizer.fromJSON(obj);
    default:
      throw new AtencionError(
        `loadTokenizer: tipo de tokenizador desconocido ${describe(obj.type)}; los tipos son "char", "word" y "bpe".`,
      );
  }
}
