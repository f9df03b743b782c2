// `resenas`: short product and film reviews in Spanish, labelled positiva/negativa, where word order
// and negation decide the label; plus sentence pairs for next-sentence prediction. See README.md.
//
// The valid and test splits are made of twin pairs: two reviews with exactly the same words (the
// same bag of words) and opposite labels ("Bonita, pero cara." / "Cara, pero bonita."), so no
// bag-of-words model can do better than chance on them.
import { Rng, COURSE_SEED } from "atencion";
import { writeSplits, capitalize } from "../common.mjs";

export const SEED = COURSE_SEED;
/** Reviews per split (valid and test are twin pairs, so even). */
export const SIZES = { train: 5000, valid: 600, test: 1000 };
/** In train, the share of reviews that come as twin pairs too (the rest mix all constructions). */
const TRAIN_TWIN_SHARE = 0.3;

const g4 = (ms, fs, mp, fp) => ({ ms, fs, mp, fp });
const oa = (stem) => g4(`${stem}o`, `${stem}a`, `${stem}os`, `${stem}as`);
/** Adjectives with one form per number: "excelente", "excelentes". */
const inv = (sg, pl = `${sg}s`) => g4(sg, sg, pl, pl);
const key = (gender, plural) => `${gender}${plural ? "p" : "s"}`;

// Adjective families: positive and negative, each a list of 4-form adjectives.
const GENERIC = { pos: [oa("buen"), inv("excelente"), oa("estupend"), oa("fantástic")], neg: [oa("mal"), oa("pésim"), inv("horrible"), inv("terrible")] };
const PRICE = { pos: [oa("barat"), inv("razonable"), oa("ajustad")], neg: [oa("car"), oa("excesiv"), oa("desorbitad")] };
const LOOKS = { pos: [oa("bonit"), inv("elegante"), oa("precios")], neg: [oa("fe"), inv("horrible"), inv("cutre")] };
const COMFORT = { pos: [oa("cómod"), oa("práctic"), oa("liger")], neg: [oa("incómod"), oa("pesad"), inv("frágil", "frágiles")] };
const STORY = { pos: [inv("original"), inv("interesante"), oa("ingenios"), inv("sorprendente")], neg: [inv("previsible"), oa("aburrid"), oa("absurd"), oa("confus")] };
const ACTING = { pos: [inv("convincente"), inv("brillante"), inv("creíble")], neg: [oa("forzad"), inv("mediocre"), oa("exagerad")] };
const SOUND = { pos: [oa("precios"), inv("espectacular", "espectaculares"), oa("emotiv")], neg: [oa("repetitiv"), inv("pobre"), oa("molest")] };
const PACE = { pos: [inv("trepidante"), inv("ágil", "ágiles"), oa("intens")], neg: [oa("lent"), oa("pesad"), oa("etern")] };

const aspect = (words, gender, plural, family) => ({ words, gender, plural, family });
const ITEMS = [
  { domain: "producto", noun: "móvil", gender: "m", plural: false, aspects: [aspect("la batería", "f", false, GENERIC), aspect("la pantalla", "f", false, GENERIC), aspect("la cámara", "f", false, GENERIC), aspect("el precio", "m", false, PRICE), aspect("el diseño", "m", false, LOOKS)] },
  { domain: "producto", noun: "auriculares", gender: "m", plural: true, aspects: [aspect("el sonido", "m", false, GENERIC), aspect("la batería", "f", false, GENERIC), aspect("el precio", "m", false, PRICE), aspect("el diseño", "m", false, LOOKS), aspect("las almohadillas", "f", true, COMFORT)] },
  { domain: "producto", noun: "cafetera", gender: "f", plural: false, aspects: [aspect("el café", "m", false, GENERIC), aspect("el precio", "m", false, PRICE), aspect("el diseño", "m", false, LOOKS), aspect("el depósito", "m", false, COMFORT)] },
  { domain: "producto", noun: "zapatillas", gender: "f", plural: true, aspects: [aspect("la suela", "f", false, GENERIC), aspect("el precio", "m", false, PRICE), aspect("el diseño", "m", false, LOOKS), aspect("el material", "m", false, GENERIC), aspect("los cordones", "m", true, GENERIC)] },
  { domain: "producto", noun: "mochila", gender: "f", plural: false, aspects: [aspect("la tela", "f", false, GENERIC), aspect("las cremalleras", "f", true, GENERIC), aspect("el precio", "m", false, PRICE), aspect("el diseño", "m", false, LOOKS), aspect("las asas", "f", true, COMFORT)] },
  { domain: "producto", noun: "portátil", gender: "m", plural: false, aspects: [aspect("el teclado", "m", false, COMFORT), aspect("la pantalla", "f", false, GENERIC), aspect("la batería", "f", false, GENERIC), aspect("el precio", "m", false, PRICE), aspect("el sonido", "m", false, GENERIC)] },
  { domain: "cine", noun: "película", gender: "f", plural: false, aspects: [aspect("la trama", "f", false, STORY), aspect("el guion", "m", false, STORY), aspect("los actores", "m", true, ACTING), aspect("la música", "f", false, SOUND), aspect("el ritmo", "m", false, PACE), aspect("el final", "m", false, STORY)] },
  { domain: "cine", noun: "serie", gender: "f", plural: false, aspects: [aspect("la historia", "f", false, STORY), aspect("los personajes", "m", true, ACTING), aspect("la banda sonora", "f", false, SOUND), aspect("el ritmo", "m", false, PACE), aspect("los diálogos", "m", true, STORY)] },
  { domain: "cine", noun: "documental", gender: "m", plural: false, aspects: [aspect("el tema", "m", false, STORY), aspect("la narración", "f", false, SOUND), aspect("las imágenes", "f", true, SOUND), aspect("el ritmo", "m", false, PACE), aspect("el montaje", "m", false, PACE)] },
];
// For the item itself ("Bonita, pero cara."): families that describe a whole product or film.
const ITEM_FAMILIES = { producto: [LOOKS, PRICE, COMFORT, GENERIC], cine: [STORY, PACE, GENERIC] };

const THIS = g4("este", "esta", "estos", "estas");
const A = g4("un", "una", "unos", "unas");
const CLITIC = g4("lo", "la", "los", "las");
const itemKey = (item) => key(item.gender, item.plural);
const be = (x) => (x.plural ? "son" : "es");
const pick = (rng, family, polarity, x) => rng.choice(polarity > 0 ? family.pos : family.neg)[key(x.gender, x.plural)];
const sentence = (text) => capitalize(text) + ".";

// Neutral first sentences.
function intro(rng, item) {
  const it = `${THIS[itemKey(item)]} ${item.noun}`;
  const an = `${A[itemKey(item)]} ${item.noun}`;
  if (item.domain === "cine") {
    return sentence(rng.choice([
      `vi ${it} ${rng.choice(["el sábado", "ayer", "el fin de semana", "anoche"])} con ${rng.choice(["mi hermana", "mis amigos", "mi pareja", "mis padres"])}`,
      `fuimos a ver ${it} ${rng.choice(["al cine", "en el festival", "en el estreno"])}`,
      `por fin he visto ${it} que ${rng.choice(["todo el mundo comenta", "me recomendaron", "salió el mes pasado"])}`,
    ]));
  }
  return sentence(rng.choice([
    `compré ${an} hace ${rng.choice(["una semana", "un mes", "dos meses", "medio año"])}`,
    `me regalaron ${an} por ${rng.choice(["mi cumpleaños", "Navidad", "mi santo"])}`,
    `llevo ${rng.choice(["un mes", "unas semanas", "un año"])} usando ${it}`,
  ]));
}

/**
 * Two different aspects of an item, optionally with the same gender and number, preferring
 * aspects that the review has not talked about yet (`used`, updated).
 */
function twoAspects(rng, item, used, sameForm = false) {
  for (let tries = 0; ; tries++) {
    const [a, b] = rng.shuffle(item.aspects);
    if (sameForm && (a.gender !== b.gender || a.plural !== b.plural)) continue;
    if (tries < 20 && (used.has(a) || used.has(b))) continue;
    used.add(a);
    used.add(b);
    return [a, b];
  }
}

/**
 * Constructions that come in twins: { text(p), } returns a sentence with polarity p (+1 or −1) and
 * its twin: the same words in another order, with polarity −p.
 */
const TWIN_CONSTRUCTIONS = {
  // "La pantalla es preciosa, pero la batería es mala." — the clause after "pero" decides.
  pero(rng, item, p, used) {
    const [x, y] = twoAspects(rng, item, used);
    const weak = `${x.words} ${be(x)} ${pick(rng, x.family, -p, x)}`;
    const strong = `${y.words} ${be(y)} ${pick(rng, y.family, p, y)}`;
    return [sentence(`${weak}, pero ${strong}`), sentence(`${strong}, pero ${weak}`)];
  },
  // "Aunque el precio es caro, el sonido es excelente." — the clause with "aunque" gives way,
  // wherever it stands.
  aunque(rng, item, p, used) {
    const [x, y] = twoAspects(rng, item, used);
    const conceded = `${x.words} ${be(x)} ${pick(rng, x.family, -p, x)}`;
    const main = `${y.words} ${be(y)} ${pick(rng, y.family, p, y)}`;
    return rng.bernoulli(0.5)
      ? [sentence(`aunque ${conceded}, ${main}`), sentence(`aunque ${main}, ${conceded}`)]
      : [sentence(`${main}, aunque ${conceded}`), sentence(`${conceded}, aunque ${main}`)];
  },
  // "El precio es razonable, no excesivo."
  esNo(rng, item, p, used) {
    const [x] = twoAspects(rng, item, used);
    const good = pick(rng, x.family, p, x);
    const bad = pick(rng, x.family, -p, x);
    return [sentence(`${x.words} ${be(x)} ${good}, no ${bad}`), sentence(`${x.words} ${be(x)} ${bad}, no ${good}`)];
  },
  // "El guion no es previsible, sino ingenioso."
  noSino(rng, item, p, used) {
    const [x] = twoAspects(rng, item, used);
    const good = pick(rng, x.family, p, x);
    const bad = pick(rng, x.family, -p, x);
    return [sentence(`${x.words} no ${be(x)} ${bad}, sino ${good}`), sentence(`${x.words} no ${be(x)} ${good}, sino ${bad}`)];
  },
  // "Bonita, pero cara." — about the item itself.
  fragmento(rng, item, p, used) {
    const [f1, f2] = rng.shuffle(ITEM_FAMILIES[item.domain]);
    const weak = pick(rng, f1, -p, item);
    const strong = pick(rng, f2, p, item);
    return [sentence(`${weak}, pero ${strong}`), sentence(`${strong}, pero ${weak}`)];
  },
  // "El sonido no es malo y el precio es bueno." — negation moves with the adjective.
  negacion(rng, item, p, used) {
    const [x, y] = twoAspects(rng, item, used, true);
    const i = rng.int(GENERIC.pos.length);
    const good = GENERIC.pos[i][key(x.gender, x.plural)];
    const bad = GENERIC.neg[i][key(x.gender, x.plural)];
    const join = rng.choice([" y ", ", y ", "; además, "]);
    const positive = sentence(`${x.words} no ${be(x)} ${bad}${join}${y.words} ${be(y)} ${good}`);
    const negative = sentence(`${x.words} no ${be(x)} ${good}${join}${y.words} ${be(y)} ${bad}`);
    return p > 0 ? [positive, negative] : [negative, positive];
  },
};

// Constructions of the training mix only (their words give the label away, or they are plain).
const OTHER_CONSTRUCTIONS = {
  simple(rng, item, p, used) {
    const [x] = twoAspects(rng, item, used);
    return sentence(`${x.words} ${be(x)} ${rng.choice(["", "muy ", "bastante ", "realmente "])}${pick(rng, x.family, p, x)}`);
  },
  negado(rng, item, p, used) {
    const [x] = twoAspects(rng, item, used);
    if (p > 0 && rng.bernoulli(0.3)) return sentence(`${x.words} no ${x.plural ? "están" : "está"} nada mal`);
    return sentence(`${x.words} no ${be(x)} ${rng.choice(["", "nada ", "precisamente "])}${pick(rng, x.family, -p, x)}`);
  },
  veredicto(rng, item, p, used) {
    const it = CLITIC[itemKey(item)];
    const again = item.domain === "cine" ? `volvería a ver${it}` : `volvería a comprar${it}`;
    const options = p > 0
      ? [`${it} recomiendo`, `muy recomendable`, again, `merece la pena`, `${it} recomiendo sin dudar`]
      : [`no ${it} recomiendo`, `nada recomendable`, `no ${again}`, `no merece la pena`, `no ${it} recomiendo en absoluto`];
    return sentence(rng.choice(options));
  },
};

const TWIN_NAMES = Object.keys(TWIN_CONSTRUCTIONS);
const MIX = { simple: 4, negado: 2, pero: 1, aunque: 1, esNo: 1, noSino: 1, fragmento: 1, negacion: 1 };
const MIX_NAMES = Object.keys(MIX);

/** A twin pair of reviews: [review with polarity p, review with the same words and polarity −p]. */
function twinReviews(rng) {
  const item = rng.choice(ITEMS);
  const p = rng.bernoulli(0.5) ? 1 : -1;
  const first = rng.bernoulli(0.7) ? [intro(rng, item)] : [];
  const names = Array.from({ length: 1 + rng.int(2) }, () => rng.choice(TWIN_NAMES));
  const used = new Set();
  const bodies = names.map((n) => TWIN_CONSTRUCTIONS[n](rng, item, p, used));
  const make = (k, polarity) => ({
    sentences: [...first, ...bodies.map((b) => b[k])],
    label: polarity > 0 ? "positiva" : "negativa",
    domain: item.domain,
    constructions: names.join(","),
  });
  return [make(0, p), make(1, -p)];
}

/** A review of the training mix: intro, one or two sentences of polarity p, maybe a verdict. */
function mixedReview(rng) {
  const item = rng.choice(ITEMS);
  const p = rng.bernoulli(0.5) ? 1 : -1;
  const names = Array.from({ length: 1 + rng.int(2) }, () => MIX_NAMES[rng.weighted(MIX_NAMES.map((n) => MIX[n]))]);
  const used = new Set();
  const body = names.map((n) => (n in TWIN_CONSTRUCTIONS ? TWIN_CONSTRUCTIONS[n](rng, item, p, used)[0] : OTHER_CONSTRUCTIONS[n](rng, item, p, used)));
  const verdict = rng.bernoulli(0.4) ? [OTHER_CONSTRUCTIONS.veredicto(rng, item, p)] : [];
  return {
    sentences: [...(rng.bernoulli(0.6) ? [intro(rng, item)] : []), ...body, ...verdict],
    label: p > 0 ? "positiva" : "negativa",
    domain: item.domain,
    constructions: [...names, ...(verdict.length ? ["veredicto"] : [])].join(","),
  };
}

/** Fills the splits; every review text is unique across all splits. */
function reviews(rng) {
  const seen = new Set();
  const fresh = (rs) => rs.every((r) => !seen.has(r.sentences.join(" "))) && new Set(rs.map((r) => r.sentences.join(" "))).size === rs.length;
  const out = { train: [], valid: [], test: [] };
  const add = (split, rs) => {
    const base = out[split].length; // twins sit next to each other: rows base and base + 1
    rs.forEach((r, k) => {
      seen.add(r.sentences.join(" "));
      r.twin = rs.length === 2 ? String(base + 1 - k) : "";
    });
    out[split].push(...rs);
  };
  for (const split of ["test", "valid", "train"]) {
    while (out[split].length < SIZES[split]) {
      const twins = split !== "train" || (rng.bernoulli(TRAIN_TWIN_SHARE) && out[split].length + 2 <= SIZES[split]);
      const rs = twins ? twinReviews(rng) : [mixedReview(rng)];
      if (fresh(rs)) add(split, rs);
    }
  }
  return out;
}

/**
 * Next-sentence prediction pairs: for each two consecutive sentences of a review, either the true
 * second sentence (isNext 1) or, half of the time, a sentence of another review of the same split
 * that is not its twin (isNext 0).
 */
function nspPairs(rng, rows) {
  const pairs = [];
  rows.forEach((r, i) => {
    for (let k = 0; k + 1 < r.sentences.length; k++) {
      const next = r.sentences[k + 1];
      if (rng.bernoulli(0.5)) {
        pairs.push({ first: r.sentences[k], second: next, isNext: "1" });
        continue;
      }
      for (;;) {
        const j = rng.int(rows.length);
        if (j === i || String(j) === r.twin) continue;
        const other = rng.choice(rows[j].sentences);
        if (other === next) continue;
        pairs.push({ first: r.sentences[k], second: other, isNext: "0" });
        break;
      }
    }
  });
  return pairs;
}

export const COLUMNS = ["text", "label", "domain", "constructions", "twin"];
export const NSP_COLUMNS = ["first", "second", "isNext"];

export function generate(dir) {
  const rng = new Rng(SEED);
  const splits = reviews(rng);
  const each = (f) => Object.fromEntries(Object.entries(splits).map(([split, rows]) => [split, f(rows)]));
  return [
    ...writeSplits(dir, COLUMNS, each((rows) => rows.map((r) => ({ ...r, text: r.sentences.join(" ") })))),
    ...writeSplits(dir, NSP_COLUMNS, each((rows) => nspPairs(rng, rows)), "nsp_"),
  ];
}
