// `corpus`: Spanish sentences from a small probabilistic grammar with long-distance agreement
// (subject–verb across a prepositional phrase, noun–adjective across a relative clause or an
// apposition, pronoun–antecedent across clauses), and a minimal-pairs test set. See README.md.
import { Rng, COURSE_SEED } from "atencion";
import { writeLines, writeTsv, disjointSplits, capitalize } from "../common.mjs";

export const SEED = COURSE_SEED;
export const SIZES = { train: 15000, valid: 1000, test: 1000 };
export const PAIRS_PER_PHENOMENON = 400;

// Forms are indexed by gender and number: "ms" (masculine singular), "fs", "mp", "fp".
const g4 = (ms, fs, mp, fp) => ({ ms, fs, mp, fp });
/** Regular -o/-a adjectives and nouns: "negro" → negro, negra, negros, negras. */
const oa = (stem) => g4(`${stem}o`, `${stem}a`, `${stem}os`, `${stem}as`);
const key = (gender, plural) => `${gender}${plural ? "p" : "s"}`;

const DEF = g4("el", "la", "los", "las");
const INDEF = g4("un", "una", "unos", "unas");
const POSS = g4("mi", "mi", "mis", "mis");
const DEMONSTRATIVE = g4("este", "esta", "estos", "estas");
const DETERMINERS = [DEF, DEF, DEF, POSS, DEMONSTRATIVE];

// People: a noun with both genders. RELATIVES read well with "de" + someone ("la hermana de Ana").
const RELATIVES = [oa("herman"), oa("amig"), oa("abuel"), oa("hij"), oa("vecin")];
const PEOPLE = [...RELATIVES, oa("niñ"), oa("médic"), oa("cociner"), g4("profesor", "profesora", "profesores", "profesoras")];
const NAMES = {
  m: ["Pablo", "Diego", "Mateo", "Hugo", "Lucas", "Evan", "Martín", "Daniel"],
  f: ["Ana", "Lucía", "Marta", "Sofía", "Elena", "Julia", "Carmen", "Laura"],
};
const PERSON_VERBS = [
  ["trabaja", "trabajan"], ["duerme", "duermen"], ["canta", "cantan"], ["baila", "bailan"],
  ["cocina", "cocinan"], ["descansa", "descansan"],
];
// Adjectives with the verb they take: "ser" for traits ("es alto"), "estar" for states ("está cansado").
const ser = (forms) => ({ forms, verb: ["es", "son"] });
const estar = (forms) => ({ forms, verb: ["está", "están"] });
const PERSON_ADJECTIVES = [
  ...[oa("simpátic"), oa("tranquil"), oa("alt"), oa("divertid")].map(ser),
  ...[oa("cansad"), oa("content"), oa("nervios"), oa("ocupad")].map(estar),
];

// Animals: the forms (some have one gender only), their own verbs and the names of pets.
const ANIMALS = [
  { forms: oa("perr"), verbs: [["ladra", "ladran"], ["corre", "corren"], ["juega", "juegan"]], inf: ["ladrar", "correr", "jugar"] },
  { forms: oa("gat"), verbs: [["maúlla", "maúllan"], ["ronronea", "ronronean"], ["duerme", "duermen"]], inf: ["maullar", "ronronear", "dormir"] },
  { forms: g4("caballo", "yegua", "caballos", "yeguas"), verbs: [["galopa", "galopan"], ["relincha", "relinchan"]], inf: ["galopar", "relinchar"] },
  { forms: oa("conej"), verbs: [["salta", "saltan"], ["come", "comen"]], inf: ["saltar", "comer"] },
  { forms: g4("pájaro", null, "pájaros", null), verbs: [["canta", "cantan"], ["vuela", "vuelan"]], inf: ["cantar", "volar"] },
  { forms: g4(null, "tortuga", null, "tortugas"), verbs: [["camina", "caminan"], ["come", "comen"]], inf: ["caminar", "comer"] },
];
const PET_NAMES = {
  any: ["Riley", "Coco", "Kiwi", "Nube"],
  m: ["Toby", "Rocky", "Bruno", "Simba"],
  f: ["Luna", "Lola", "Nala", "Kira"],
};
const ANIMAL_ADJECTIVES = [
  oa("hiperactiv"), oa("travies"), oa("cariños"), oa("nervios"), oa("perezos"), oa("tranquil"),
  g4("juguetón", "juguetona", "juguetones", "juguetonas"), g4("dormilón", "dormilona", "dormilones", "dormilonas"),
];

// Things, by kind: each kind has its own verbs [present sg, pl, past sg, pl], adjectives, and
// `then`: pairs of verbs (indices) that make sense in that order ("compró … y luego las comió").
const thing = (gender, sg, pl) => ({ gender, sg, pl });
const THINGS = {
  comida: {
    nouns: [thing("f", "manzana", "manzanas"), thing("m", "pan", "panes"), thing("f", "sopa", "sopas"), thing("m", "queso", "quesos"),
      thing("f", "naranja", "naranjas"), thing("m", "pastel", "pasteles"), thing("f", "tortilla", "tortillas"), thing("m", "pescado", "pescados")],
    verbs: [["come", "comen", "comió", "comieron"], ["prepara", "preparan", "preparó", "prepararon"], ["compra", "compran", "compró", "compraron"],
      ["prueba", "prueban", "probó", "probaron"]],
    then: [[2, 1], [2, 0], [1, 0], [1, 3], [3, 0]],
    adjectives: [oa("ric"), oa("salad"), oa("delicios"), oa("fresc")].map(estar),
  },
  lectura: {
    nouns: [thing("m", "libro", "libros"), thing("f", "carta", "cartas"), thing("m", "periódico", "periódicos"),
      thing("f", "revista", "revistas"), thing("f", "novela", "novelas"), thing("m", "cuento", "cuentos")],
    verbs: [["lee", "leen", "leyó", "leyeron"], ["compra", "compran", "compró", "compraron"], ["busca", "buscan", "buscó", "buscaron"],
      ["encuentra", "encuentran", "encontró", "encontraron"], ["guarda", "guardan", "guardó", "guardaron"]],
    then: [[1, 0], [3, 0], [0, 4], [1, 4], [3, 4]],
    adjectives: [oa("larg"), oa("divertid"), oa("aburrid"), oa("antigu")].map(ser),
  },
  vehiculo: {
    nouns: [thing("m", "coche", "coches"), thing("f", "bicicleta", "bicicletas"), thing("f", "moto", "motos"), thing("m", "camión", "camiones")],
    verbs: [["conduce", "conducen", "condujo", "condujeron"], ["lava", "lavan", "lavó", "lavaron"], ["arregla", "arreglan", "arregló", "arreglaron"],
      ["vende", "venden", "vendió", "vendieron"], ["compra", "compran", "compró", "compraron"]],
    then: [[4, 0], [4, 1], [2, 3], [1, 3], [2, 0]],
    adjectives: [oa("rápid"), oa("nuev"), oa("viej"), oa("car"), oa("roj")].map(ser),
  },
  casa: {
    nouns: [thing("f", "mesa", "mesas"), thing("f", "silla", "sillas"), thing("f", "ventana", "ventanas"), thing("f", "puerta", "puertas"),
      thing("m", "cuadro", "cuadros"), thing("f", "lámpara", "lámparas"), thing("m", "sofá", "sofás"), thing("m", "armario", "armarios")],
    verbs: [["limpia", "limpian", "limpió", "limpiaron"], ["pinta", "pintan", "pintó", "pintaron"], ["arregla", "arreglan", "arregló", "arreglaron"],
      ["vende", "venden", "vendió", "vendieron"], ["compra", "compran", "compró", "compraron"]],
    then: [[4, 0], [4, 1], [2, 1], [1, 3], [0, 3], [2, 3]],
    adjectives: [...[oa("limpi"), oa("suci"), oa("rot")].map(estar), ...[oa("bonit"), oa("blanc")].map(ser)],
  },
};
const KINDS = Object.keys(THINGS);
const PLACES = ["en el jardín", "en la cocina", "en el parque", "en la playa", "en la ciudad", "en el mercado", "en la tienda", "en casa"];
const ANIMAL_PLACES = ["en el jardín", "en el parque", "en el campo", "en casa", "en la playa"];
const SHOPS = ["en el mercado", "en la tienda", "en la feria"];
const TIMES = ["por la mañana", "por la noche", "todos los días", "los domingos", "a menudo", "después de comer"];
const PAST_TIMES = ["ayer", "la semana pasada", "el lunes", "hace un mes"];

// A noun phrase: { words, gender, plural }.
function personPhrase(rng, { plural, gender, name = 0.3, det, nouns = PEOPLE } = {}) {
  const isPlural = plural ?? rng.bernoulli(0.35);
  if (!isPlural && rng.bernoulli(name) && (gender === undefined || NAMES[gender])) {
    const g = gender ?? rng.choice(["m", "f"]);
    return { words: rng.choice(NAMES[g]), gender: g, plural: false, name: true };
  }
  const g = gender ?? rng.choice(["m", "f"]);
  const d = det ?? rng.choice(DETERMINERS);
  return { words: `${d[key(g, isPlural)]} ${rng.choice(nouns)[key(g, isPlural)]}`, gender: g, plural: isPlural };
}

function animalPhrase(rng, { plural, det = rng.choice(DETERMINERS) } = {}) {
  const animal = rng.choice(ANIMALS);
  const isPlural = plural ?? rng.bernoulli(0.35);
  const genders = ["m", "f"].filter((g) => animal.forms[key(g, isPlural)] !== null);
  const g = rng.choice(genders);
  return { words: `${det[key(g, isPlural)]} ${animal.forms[key(g, isPlural)]}`, gender: g, plural: isPlural, animal };
}

function thingPhrase(rng, kind, { plural, det = rng.choice([DEF, DEF, INDEF, POSS, DEMONSTRATIVE]) } = {}) {
  const noun = rng.choice(THINGS[kind].nouns);
  const isPlural = plural ?? rng.bernoulli(0.35);
  return { words: `${det[key(noun.gender, isPlural)]} ${isPlural ? noun.pl : noun.sg}`, gender: noun.gender, plural: isPlural };
}

/** "de" + article contracts: "de el" → "del". */
const of = (np) => (np.words.startsWith("el ") ? `del ${np.words.slice(3)}` : `de ${np.words}`);
const a = (np) => (np.words.startsWith("el ") ? `al ${np.words.slice(3)}` : `a ${np.words}`);
const other = (gender) => (gender === "m" ? "f" : "m");
const sentence = (words) => capitalize(words.join(" ").replace(/ ,/g, ",")) + ".";

/**
 * Each generator returns { good, bad, phenomenon }: the sentence, and the same sentence with one
 * agreement broken (bad), for the minimal pairs.
 */
const CONSTRUCTIONS = {
  // Plain sentences: local agreement only. They give the corpus its vocabulary and topics.
  simple(rng) {
    const r = rng.next();
    if (r < 0.35) {
      const kind = rng.choice(KINDS);
      const subj = personPhrase(rng);
      const verb = rng.choice(THINGS[kind].verbs);
      const obj = thingPhrase(rng, kind);
      const adj = rng.bernoulli(0.3) ? [rng.choice(THINGS[kind].adjectives).forms[key(obj.gender, obj.plural)]] : [];
      return { good: sentence([subj.words, verb[subj.plural ? 1 : 0], obj.words, ...adj, rng.choice([...PLACES, ...TIMES, ""])].filter(Boolean)) };
    }
    if (r < 0.7) {
      const subj = animalPhrase(rng);
      const verb = rng.choice(subj.animal.verbs)[subj.plural ? 1 : 0];
      const adj = rng.bernoulli(0.3) ? [rng.choice(ANIMAL_ADJECTIVES)[key(subj.gender, subj.plural)]] : [];
      const words = subj.words.split(" ");
      return { good: sentence([...words.slice(0, 2), ...adj, verb, rng.choice([...ANIMAL_PLACES, ...TIMES])]) };
    }
    const subj = personPhrase(rng);
    const adj = rng.choice(PERSON_ADJECTIVES);
    return rng.bernoulli(0.5)
      ? { good: sentence([subj.words, rng.choice(PERSON_VERBS)[subj.plural ? 1 : 0], rng.choice([...PLACES, ...TIMES])]) }
      : { good: sentence([subj.words, adj.verb[subj.plural ? 1 : 0], "muy", adj.forms[key(subj.gender, subj.plural)]]) };
  },

  // Subject–verb across an attractor of the other number: "Los perros de la vecina ladran por la noche."
  sujetoVerbo(rng) {
    const plural = rng.bernoulli(0.5);
    const attractorPlural = rng.bernoulli(0.75) ? !plural : plural;
    const byOwner = rng.bernoulli(0.7); // "de" + a person, or a relative clause "que vio a …"
    let subj;
    let verb;
    let places = PLACES;
    if (rng.bernoulli(0.5)) {
      places = ANIMAL_PLACES;
      subj = animalPhrase(rng, { plural, det: byOwner ? DEF : rng.choice(DETERMINERS) });
      verb = rng.choice(subj.animal.verbs);
    } else {
      subj = personPhrase(rng, byOwner ? { plural, name: 0, det: DEF, nouns: RELATIVES } : { plural, name: 0 });
      verb = rng.choice(PERSON_VERBS);
    }
    let middle;
    if (byOwner) {
      middle = [of(personPhrase(rng, { plural: attractorPlural, name: 0.2 }))];
    } else {
      // The relative clause's own verb agrees with the head too: "los perros que vieron a la niña".
      const rel = rng.choice([["vio", "vieron"], ["conoce", "conocen"], ["cuida", "cuidan"], ["sigue", "siguen"]]);
      const attractor = rng.bernoulli(0.5) ? personPhrase(rng, { plural: attractorPlural, name: 0.2 }) : animalPhrase(rng, { plural: attractorPlural });
      middle = ["que", rel[plural ? 1 : 0], a(attractor)];
    }
    const tail = rng.choice([...places, ...TIMES]);
    const good = sentence([subj.words, ...middle, verb[plural ? 1 : 0], tail]);
    const bad = sentence([subj.words, ...middle, verb[plural ? 0 : 1], tail]);
    return { good, bad, phenomenon: "sujeto-verbo" };
  },

  // Noun–adjective across a relative clause or a "de" phrase with a noun of the other gender:
  // "La bicicleta que arregló Pablo es muy rápida."
  sustantivoAdjetivo(rng) {
    const kind = rng.choice(KINDS);
    const relative = rng.bernoulli(0.6); // a relative clause, or "de" + an owner
    const obj = thingPhrase(rng, kind, { det: relative ? rng.choice([DEF, DEF, POSS]) : DEF });
    const adj = rng.choice(THINGS[kind].adjectives);
    const degree = rng.choice(["muy", "bastante", "demasiado", "realmente"]);
    let middle;
    if (relative) {
      const verb = rng.choice(THINGS[kind].verbs);
      const who = personPhrase(rng, { gender: other(obj.gender), plural: rng.bernoulli(0.3) });
      const past = verb[who.plural ? 3 : 2];
      // "la mesa que Pablo limpió ayer" or "la mesa que limpiaron los niños"
      middle = rng.bernoulli(0.5) ? ["que", who.words, past, rng.choice(["", ...PAST_TIMES])] : ["que", past, who.words];
    } else {
      middle = [of(personPhrase(rng, { gender: other(obj.gender), name: 0.5 }))];
    }
    const form = key(obj.gender, obj.plural);
    const wrong = key(other(obj.gender), obj.plural);
    const end = [adj.verb[obj.plural ? 1 : 0], degree, adj.forms[form]];
    const good = sentence([obj.words, ...middle.filter(Boolean), ...end]);
    end[2] = adj.forms[wrong];
    const bad = sentence([obj.words, ...middle.filter(Boolean), ...end]);
    return { good, bad, phenomenon: "sustantivo-adjetivo" };
  },

  // Pronoun–antecedent across an apposition and a clause, the lesson's example, with an owner of the
  // other gender: "La perra de Evan, Riley, es tan hiperactiva que ella nunca deja de moverse."
  pronombreApuesto(rng) {
    const plural = rng.bernoulli(0.25);
    const pet = animalPhrase(rng, { plural, det: DEF });
    const owner = personPhrase(rng, { gender: other(pet.gender), plural: false, name: 0.7 });
    const names = rng.shuffle([...PET_NAMES.any, ...PET_NAMES[pet.gender]]);
    const called = plural ? `${names[0]} y ${names[1]}` : names[0];
    const adj = rng.choice(ANIMAL_ADJECTIVES)[key(pet.gender, plural)];
    const pron = { ms: "él", fs: "ella", mp: "ellos", fp: "ellas" };
    const form = key(pet.gender, plural);
    const wrong = key(other(pet.gender), plural);
    const inf = rng.choice([...pet.animal.inf, "moverse", "jugar"]);
    const ending = rng.choice([
      [plural ? "nunca dejan de" : "nunca deja de", inf],
      [plural ? "siempre quieren" : "siempre quiere", inf],
      [plural ? "no pueden" : "no puede", "dejar de", inf],
    ]);
    const start = [pet.words, of(owner), ",", called, ",", plural ? "son" : "es", "tan", adj, "que"];
    const good = sentence([...start, pron[form], ...ending]);
    const bad = sentence([...start, pron[wrong], ...ending]);
    return { good, bad, phenomenon: "pronombre-antecedente" };
  },

  // An object pronoun (lo, la, los, las) that refers back across a clause:
  // "Marta compró unas manzanas en el mercado y después las lavó."
  pronombreObjeto(rng) {
    const kind = rng.choice(KINDS);
    const obj = thingPhrase(rng, kind, { det: rng.choice([DEF, INDEF]) });
    const who = personPhrase(rng, { gender: other(obj.gender), plural: false, name: 0.8 });
    const [first, second] = rng.choice(THINGS[kind].then).map((i) => THINGS[kind].verbs[i]);
    const clitic = { ms: "lo", fs: "la", mp: "los", fp: "las" };
    const form = key(obj.gender, obj.plural);
    const wrong = key(other(obj.gender), obj.plural);
    const place = first[0] === "compra" ? rng.choice(SHOPS) : rng.choice(PAST_TIMES);
    const then = rng.choice(["después", "luego", "más tarde"]);
    const start = [who.words, first[2], obj.words, place, "y", then];
    const good = sentence([...start, clitic[form], second[2]]);
    const bad = sentence([...start, clitic[wrong], second[2]]);
    return { good, bad, phenomenon: "pronombre-antecedente" };
  },
};

const WEIGHTS = { simple: 8, sujetoVerbo: 4, sustantivoAdjetivo: 3, pronombreApuesto: 2, pronombreObjeto: 2 };
const NAMES_OF = Object.keys(WEIGHTS);

function draw(rng) {
  const name = NAMES_OF[rng.weighted(NAMES_OF.map((n) => WEIGHTS[n]))];
  return CONSTRUCTIONS[name](rng);
}

export function generate(dir) {
  const rng = new Rng(SEED);
  const seen = new Set();
  const splits = disjointSplits(() => draw(rng).good, (s) => s, SIZES, seen);
  // Minimal pairs: new sentences, never in any split, PAIRS_PER_PHENOMENON of each phenomenon.
  const pairs = [];
  const wanted = { "sujeto-verbo": ["sujetoVerbo"], "sustantivo-adjetivo": ["sustantivoAdjetivo"], "pronombre-antecedente": ["pronombreApuesto", "pronombreObjeto"] };
  for (const [phenomenon, makers] of Object.entries(wanted)) {
    const found = disjointSplits(() => CONSTRUCTIONS[rng.choice(makers)](rng), (p) => p.good, { test: PAIRS_PER_PHENOMENON }, seen);
    for (const p of found.test) {
      if (p.phenomenon !== phenomenon || p.bad === p.good) throw new Error(`par mínimo mal formado: ${p.good}`);
      pairs.push(p);
    }
  }
  return [
    writeLines(dir, "train.txt", splits.train),
    writeLines(dir, "valid.txt", splits.valid),
    writeLines(dir, "test.txt", splits.test),
    writeTsv(dir, "minimal_pairs.tsv", ["good", "bad", "phenomenon"], pairs),
  ];
}
