// `traduccion`: English → Spanish sentence pairs from a small synchronous grammar, with word
// alignments. Adjectives follow the noun in Spanish (in mirror order when there are two), and
// determiners, adjectives and verbs agree in gender and number. See README.md.
import { Rng, COURSE_SEED } from "atencion";
import { writeSplits, writeJson, disjointSplits, sortedUnique } from "../common.mjs";

export const SEED = COURSE_SEED;
const COLUMNS = ["source", "target", "alignment"];
export const SIZES = { train: 8000, valid: 500, test: 1000 };

// [English singular, English plural, Spanish singular, Spanish plural, gender, animate]
const NOUNS = [
  ["dog", "dogs", "perro", "perros", "m", true],
  ["cat", "cats", "gato", "gatos", "m", true],
  ["bird", "birds", "pájaro", "pájaros", "m", true],
  ["horse", "horses", "caballo", "caballos", "m", true],
  ["boy", "boys", "niño", "niños", "m", true],
  ["girl", "girls", "niña", "niñas", "f", true],
  ["man", "men", "hombre", "hombres", "m", true],
  ["woman", "women", "mujer", "mujeres", "f", true],
  ["cow", "cows", "vaca", "vacas", "f", true],
  ["house", "houses", "casa", "casas", "f", false],
  ["car", "cars", "coche", "coches", "m", false],
  ["book", "books", "libro", "libros", "m", false],
  ["table", "tables", "mesa", "mesas", "f", false],
  ["flower", "flowers", "flor", "flores", "f", false],
  ["apple", "apples", "manzana", "manzanas", "f", false],
  ["window", "windows", "ventana", "ventanas", "f", false],
  ["tree", "trees", "árbol", "árboles", "m", false],
  ["ball", "balls", "pelota", "pelotas", "f", false],
  ["chair", "chairs", "silla", "sillas", "f", false],
  ["box", "boxes", "caja", "cajas", "f", false],
].map(([en, enPl, es, esPl, gender, animate]) => ({ en, enPl, es, esPl, gender, animate }));

// English, then Spanish [m sg, f sg, m pl, f pl]; `kind`: the nouns it describes ("any",
// "animate": people and animals, "not-human": things and animals, e.g. colours, "thing");
// `estar`: a state, so "is" becomes "está", not "es" ("the boy is tired" → "el niño está cansado").
const adj = (en, ms, fs, mp, fp, kind = "any", estar = false) => ({ en, forms: { ms, fs, mp, fp }, kind, estar });
const ADJECTIVES = [
  adj("black", "negro", "negra", "negros", "negras", "not-human"),
  adj("white", "blanco", "blanca", "blancos", "blancas", "not-human"),
  adj("red", "rojo", "roja", "rojos", "rojas", "not-human"),
  adj("green", "verde", "verde", "verdes", "verdes", "not-human"),
  adj("blue", "azul", "azul", "azules", "azules", "not-human"),
  adj("small", "pequeño", "pequeña", "pequeños", "pequeñas"),
  adj("old", "viejo", "vieja", "viejos", "viejas"),
  adj("new", "nuevo", "nueva", "nuevos", "nuevas", "thing"),
  adj("pretty", "bonito", "bonita", "bonitos", "bonitas"),
  adj("big", "grande", "grande", "grandes", "grandes"),
  adj("tall", "alto", "alta", "altos", "altas", "animate"),
  adj("happy", "contento", "contenta", "contentos", "contentas", "animate", true),
  adj("tired", "cansado", "cansada", "cansados", "cansadas", "animate", true),
  adj("fast", "rápido", "rápida", "rápidos", "rápidas", "animate"),
];
const HUMAN = new Set(["boy", "girl", "man", "woman"]);
const GROUPS = { black: "colour", white: "colour", red: "colour", green: "colour", blue: "colour", big: "size", small: "size", old: "age", new: "age" };
const group = (a) => GROUPS[a.en] ?? a.en;
/** Whether adjective `a` may describe a noun (or a subject) that is animate and/or human. */
const fits = (a, animate, human) =>
  a.kind === "any" || (a.kind === "animate" && animate) || (a.kind === "not-human" && !human) || (a.kind === "thing" && !animate);

// Determiners: English singular/plural (null: none in that number), Spanish [m sg, f sg, m pl, f pl].
const DETERMINERS = [
  { en: ["the", "the"], es: { ms: "el", fs: "la", mp: "los", fp: "las" }, weight: 5 },
  { en: ["a", null], es: { ms: "un", fs: "una" }, weight: 2 },
  { en: [null, "some"], es: { mp: "unos", fp: "unas" }, weight: 1 },
  { en: ["this", "these"], es: { ms: "este", fs: "esta", mp: "estos", fp: "estas" }, weight: 1 },
  { en: ["that", "those"], es: { ms: "ese", fs: "esa", mp: "esos", fp: "esas" }, weight: 1 },
  { en: ["my", "my"], es: { ms: "mi", fs: "mi", mp: "mis", fp: "mis" }, weight: 1 },
];

// Verbs: English 3rd singular and plural (may be two words), Spanish 3rd singular and plural.
// `object`: null (intransitive), "animate" (takes the personal "a"), "thing" or "any".
const VERBS = [
  { en: ["sleeps", "sleep"], es: ["duerme", "duermen"], object: null, subject: "animate" },
  { en: ["runs", "run"], es: ["corre", "corren"], object: null, subject: "animate" },
  { en: ["jumps", "jump"], es: ["salta", "saltan"], object: null, subject: "animate" },
  { en: ["sees", "see"], es: ["ve", "ven"], object: "any", subject: "animate" },
  { en: ["looks for", "look for"], es: ["busca", "buscan"], object: "any", subject: "animate" },
  { en: ["finds", "find"], es: ["encuentra", "encuentran"], object: "any", subject: "animate" },
  { en: ["has", "have"], es: ["tiene", "tienen"], object: "thing", subject: "animate" },
  { en: ["wants", "want"], es: ["quiere", "quieren"], object: "thing", subject: "animate" },
  { en: ["buys", "buy"], es: ["compra", "compran"], object: "thing", subject: "human" },
];
const slot = (gender, plural) => `${gender}${plural ? "p" : "s"}`;

/**
 * A noun phrase: English and Spanish words, and the alignment inside it (pairs of word indices).
 * Spanish order: determiner, noun, adjectives in mirror order ("the big black dog" → "el perro negro grande").
 */
function nounPhrase(rng, { animate, plural } = {}) {
  const nouns = NOUNS.filter((n) => animate === undefined || n.animate === animate);
  const noun = rng.choice(nouns);
  const isPlural = plural ?? rng.bernoulli(0.4);
  const form = slot(noun.gender, isPlural);
  const dets = DETERMINERS.filter((d) => d.en[isPlural ? 1 : 0] !== null);
  const det = dets[rng.weighted(dets.map((d) => d.weight))];
  const pool = ADJECTIVES.filter((a) => fits(a, noun.animate, HUMAN.has(noun.en)));
  const nAdj = rng.weighted([5, 4, 1]);
  // At most one adjective per group: not "a big small car" nor "a red green ball".
  const adjs = [];
  for (const a of rng.shuffle(pool)) if (adjs.length < nAdj && !adjs.some((b) => group(b) === group(a))) adjs.push(a);
  const en = [det.en[isPlural ? 1 : 0], ...adjs.map((a) => a.en), isPlural ? noun.enPl : noun.en];
  if (en[0] === "a" && /^[aeiou]/.test(en[1])) en[0] = "an"; // an old dog, an apple
  const es = [det.es[form], isPlural ? noun.esPl : noun.es, ...adjs.slice().reverse().map((a) => a.forms[form])];
  const align = [[0, 0], [en.length - 1, 1], ...adjs.map((_, i) => [1 + i, 1 + nAdj - i])];
  return { en, es, align, noun, plural: isPlural, gender: noun.gender, adjs };
}

/** Joins phrases, shifting their alignments. */
function concat(parts) {
  const out = { en: [], es: [], align: [] };
  for (const p of parts) {
    for (const [i, j] of p.align) out.align.push([i === null ? null : i + out.en.length, j + out.es.length]);
    out.en.push(...p.en);
    out.es.push(...p.es);
  }
  return out;
}
const word = (en, es) => ({ en: en === null ? [] : en.split(" "), es: [es], align: en === null ? [] : en.split(" ").map((_, i) => [i, 0]) });

function sentence(rng) {
  // Subject: one noun phrase, or two joined by "and" (then plural, and masculine unless both are feminine).
  let subject;
  let plural;
  let gender;
  let human; // every noun of the subject is a person
  let adjs; // the subject's adjectives
  if (rng.bernoulli(0.2)) {
    const a = nounPhrase(rng, { animate: true });
    const b = nounPhrase(rng, { animate: true });
    subject = concat([a, word("and", "y"), b]);
    plural = true;
    gender = a.gender === "f" && b.gender === "f" ? "f" : "m";
    human = HUMAN.has(a.noun.en) && HUMAN.has(b.noun.en);
    adjs = [...a.adjs, ...b.adjs];
  } else {
    const a = nounPhrase(rng, { animate: true });
    subject = a;
    plural = a.plural;
    gender = a.gender;
    human = HUMAN.has(a.noun.en);
    adjs = a.adjs;
  }
  const kind = rng.weighted([2, 5, 2]); // intransitive, transitive, copula + adjective
  if (kind === 2) {
    // Not "the black dogs are white": no colour after a colour, no adjective twice.
    const colour = adjs.some((x) => x.kind === "not-human");
    const a = rng.choice(ADJECTIVES.filter((x) => fits(x, true, human) && !adjs.includes(x) && !(colour && x.kind === "not-human")));
    const verb = a.estar ? (plural ? "están" : "está") : plural ? "son" : "es";
    return concat([subject, word(plural ? "are" : "is", verb), word(a.en, a.forms[slot(gender, plural)])]);
  }
  const verbs = VERBS.filter((v) => (kind === 0) === (v.object === null) && (v.subject !== "human" || human));
  const verb = rng.choice(verbs);
  const vp = word(verb.en[plural ? 1 : 0], verb.es[plural ? 1 : 0]);
  if (verb.object === null) return concat([subject, vp]);
  const object = nounPhrase(rng, verb.object === "thing" ? { animate: false } : {});
  if (object.noun.animate) {
    // The personal "a" before an animate direct object; "a el" contracts to "al" (aligned with "the").
    if (object.es[0] === "el") object.es[0] = "al";
    else {
      object.es.unshift("a");
      object.align = object.align.map(([i, j]) => [i, j + 1]);
    }
  }
  return concat([subject, vp, object]);
}

export function generate(dir) {
  const rng = new Rng(SEED);
  const splits = disjointSplits(() => sentence(rng), (s) => s.en.join(" "), SIZES);
  const rows = {};
  for (const [split, items] of Object.entries(splits)) {
    // Alignments in the usual "i-j" notation: English word i ↔ Spanish word j (counting from 0).
    const alignment = (s) => s.align.map(([i, j]) => `${i}-${j}`).join(" ");
    rows[split] = items.map((s) => ({ source: s.en.join(" "), target: s.es.join(" "), alignment: alignment(s) }));
  }
  const all = Object.values(rows).flat();
  return [
    ...writeSplits(dir, COLUMNS, rows),
    writeJson(dir, "vocab.json", {
      source: sortedUnique(all.flatMap((r) => r.source.split(" "))),
      target: sortedUnique(all.flatMap((r) => r.target.split(" "))),
    }),
  ];
}
