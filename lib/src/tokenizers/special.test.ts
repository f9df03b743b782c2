import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { assertNoLeak } from "../testing";
import {
  BOS_ID,
  CLS_ID,
  EOS_ID,
  MASK_ID,
  PAD_ID,
  SEP_ID,
  SPECIAL_TOKENS,
  UNK_ID,
  isSpecialToken,
  looksSpecial,
  specialTokenId,
  splitOnSpecialTokens,
} from "./special";

before(ready);

test("los siete tokens especiales tienen los ids 0..6", () => {
  assert.deepEqual([PAD_ID, UNK_ID, BOS_ID, EOS_ID, CLS_ID, SEP_ID, MASK_ID], [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(SPECIAL_TOKENS, ["[PAD]", "[UNK]", "[BOS]", "[EOS]", "[CLS]", "[SEP]", "[MASK]"]);
  assert.ok(Object.isFrozen(SPECIAL_TOKENS));
  assert.equal(specialTokenId("[MASK]"), 6);
  assert.equal(specialTokenId("[PAD]"), 0);
  assert.ok(isSpecialToken("[SEP]") && !isSpecialToken("[FOO]") && !isSpecialToken("sep"));
  assert.ok(looksSpecial("[FOO]") && !looksSpecial("[") && !looksSpecial("[foo]"));
});

test("un token especial desconocido da un error en español", () => {
  assert.throws(() => specialTokenId("[FOO]"), /token especial desconocido "\[FOO\]"/);
  assert.throws(() => specialTokenId("mask"), /los tokens especiales son \[PAD\] \[UNK\]/);
});

test("splitOnSpecialTokens deja enteros los tokens especiales escritos en el texto", () => {
  const pieces = assertNoLeak(() => splitOnSpecialTokens("[CLS] hola[SEP]adiós [FOO][MASK]"));
  assert.deepEqual(pieces, [
    { special: CLS_ID },
    { text: " hola" },
    { special: SEP_ID },
    { text: "adiós [FOO]" },
    { special: MASK_ID },
  ]);
  assert.deepEqual(splitOnSpecialTokens(""), []);
  assert.deepEqual(splitOnSpecialTokens("sin especiales"), [{ text: "sin especiales" }]);
});
