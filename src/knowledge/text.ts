/**
 * Text analysis shared by retrieval (MiniSearch) and concern matching, so that a question and the
 * knowledge it should find are normalised the same way: case, accents, typographic punctuation,
 * the many spellings of "micro-needling", plurals and -ing forms, and a few everyday synonyms.
 */

/** Lower-case, no accents, plain apostrophes; possessive 's dropped ("crow's" -> "crow"). */
export function fold(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[\u2018\u2019\u201b\u2032`\u00b4]/g, "'")
      .replace(/'s\b/g, '')
      .replace(/'/g, '')
      // People write the treatment and the tool in many ways; join them into one word each.
      .replace(/\bmicro[\s-]+(?=ne{1,2}d)/g, 'micro')
      .replace(/\bderma?l?[\s-]+(?=rol)/g, 'derma')
      // "Who can't have it?" is about contraindications, but every word of it is a stop word.
      .replace(
        /\b(?:who|when)\s+(?:cannot|cant|can not|shouldnt|should not|mustnt|must not)\b|\bwho (?:should|must|needs? to) avoid\b|\bnot (?:suitable|allowed|recommended)\b|\bunsuitable\b/g,
        '$& contraindication',
      )
  );
}

/** Words after folding; hyphens and punctuation separate words ("two-toned" -> two, toned). */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Compare two texts ignoring case, punctuation and spacing (used to spot duplicate questions). */
export function foldForComparison(text: string): string {
  return words(text).join(' ');
}

/**
 * Words mapped to one canonical word before stemming, where a stemmer cannot see the link
 * (swollen/swelling, hurt/pain) or where spellings vary (UK/US, brand names, common typos).
 */
const CANONICAL: Readonly<Record<string, string>> = {
  swollen: 'swelling',
  puffy: 'swelling',
  puffiness: 'swelling',
  hurt: 'pain',
  hurts: 'pain',
  hurting: 'pain',
  painful: 'pain',
  sore: 'pain',
  saggy: 'sagging',
  droopy: 'sagging',
  wrinkly: 'wrinkle',
  enlarged: 'large',
  big: 'large',
  bigger: 'large',
  smaller: 'shrink',
  minimise: 'shrink',
  minimize: 'shrink',
  ageing: 'aging',
  colour: 'color',
  discolouration: 'discoloration',
  accutane: 'isotretinoin',
  roaccutane: 'isotretinoin',
  absorica: 'isotretinoin',
  claravis: 'isotretinoin',
  dermapen: 'pen',
  diy: 'home',
  often: 'frequent',
  frequently: 'frequent',
  frequency: 'frequent',
  downtime: 'recovery',
  recover: 'recovery',
  recovering: 'recovery',
  heal: 'healing',
  heals: 'healing',
  healed: 'healing',
  aftercare: 'after care',
  paniful: 'pain',
  painfull: 'pain',
  dangerous: 'danger',
  dangers: 'danger',
  risky: 'risk',
  sideeffects: 'side effect',
  sideeffect: 'side effect',
  weekly: 'week',
  monthly: 'month',
};

/** Any spelling that starts like micro-needling ("microneedeling", "micronedling") is the treatment. */
export function canonicalWord(word: string): string {
  if (/^micro?ne+d/.test(word)) return 'microneedling';
  if (/^derma?rol/.test(word)) return 'dermaroller';
  // Own keys only: a word such as "constructor" must not find Object.prototype's.
  return Object.hasOwn(CANONICAL, word) ? CANONICAL[word]! : word;
}

/**
 * A deliberately small suffix stripper (plural, -ing, -ed, -ness, final e) so "sessions" meets
 * "session" and "scarring" meets "scars". Over-stemming is harmless: both sides go through it.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /^\d+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ness') && w.length > 6) w = w.slice(0, -4);
  else if (w.endsWith('ing') && w.length > 4) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  // "scarr" -> "scar", "sagg" -> "sag", but keep "roll", "less", "staff".
  if (/([b-df-hj-kmnp-rtv-z])\1$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/**
 * Words that carry no meaning for retrieval: grammar, pronouns, politeness, question framing.
 * Kept short on purpose; words such as "often", "long", "home" and "after" do carry meaning here.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then so than as of to in on at by for from with into onto about over under up down out off ' +
    'i im ive id me my mine myself we our you your youre yours u ur he she it its itself they them their this that these those ' +
    'is are was were be been being am do does did doing done have has had having get got gets getting ' +
    'can could would should will wont shall may might must cant dont doesnt didnt isnt arent wasnt havent ' +
    'what whats which who whom whose when where why how ' +
    'please pls thanks thank hi hello hey ok okay yes no not any some all much lot lots bit really very just also too ' +
    // chat spellings of the words above
    'wat wut wht whta hw pls plz ' +
    'tell know want wanna need like kind sort something anything thing things way there here let say'
  ).split(' '),
);

/** Retrieval terms of a text: folded, canonicalised, stop words removed, stemmed. */
export function analyse(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    for (const part of canonicalWord(word).split(' ')) {
      if (STOP_WORDS.has(part)) continue;
      terms.push(stem(part));
    }
  }
  return terms;
}

/** Optimal string alignment distance (Levenshtein plus swapped neighbours, the commonest typo). */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row[j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * How many typos a (stemmed) word may carry and still count. None below six letters: short words
 * are too close to each other ("pores" would otherwise match "poor").
 */
export function allowedTypos(word: string): number {
  if (word.length >= 9) return 2;
  if (word.length >= 6) return 1;
  return 0;
}
