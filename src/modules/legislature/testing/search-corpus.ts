// A generated statute book for the law search's tests and bench: statute sections that read like
// law (a legal vocabulary drawn with Zipf-like frequencies, so some words are everywhere and most
// are rare, as in real statutes), from a fixed seed, so every run and both databases see the same
// corpus.
import { prng } from '../../../world/population.ts';
import type { SearchDoc } from '../search-index.ts';
import type { Label } from '../../../kernel/auth/labels.ts';

const COMMON = `the of and to a in shall be any or by under this section person for with as on not is may an
  that which from council kazekage village office statute order time within days such other person's authority
  provided subsection paragraph made written notice unless apply applies where after before during each every`.split(/\s+/).filter((w) => /^[a-z']+$/.test(w));

const LEGAL = `act acting administration adjourn adjournment allegiance amendment appeal appoint appointment approval arrest
  assembly authority ban border budget cabinet capital certificate charter chief citizen civil claim clerk commission
  committee compensation consent constitution contract council court custody decree defence delegate deputy detention
  disaster dispute document duty election emergency envoy evacuation evidence exemption extradition fee fine foreign
  garrison greenhouse guard guardian hearing immunity inquiry inspection jounin judge jurisdiction justice labour land
  lease licence majority mandate medic member mission minor oath obligation offence officer orphan pardon penalty
  permit petition policy prisoner procedure proclamation property prosecution protection quorum ration record
  register regulation rescue resident resolution review ruling sanction seal secrecy security sentence session shinobi
  squad succession summons supply tariff tax term testimony trade transfer treasury treaty tribunal trust vote ward
  warrant water welfare well witness anbu academy genin chuunin caravan merchant market cistern reservoir aqueduct
  sandstorm dune oasis irrigation harvest granary import export customs toll passport visa refuge asylum hostage
  ransom ceasefire armistice alliance envoys embassy consul interpreter archive scroll seal technique forbidden`.split(/\s+/).filter(Boolean);

const VERBS = `shall may must appoint approve revoke suspend declare convene adjourn review grant refuse issue record
  notify publish deliver inspect detain release transfer extradite pay levy collect allocate ration distribute`.split(/\s+/).filter(Boolean);

// Rare words: made of syllables, so the vocabulary has a long tail like real law (names, terms of art).
const SYLLABLES = ['ka', 'ze', 'su', 'na', 'ga', 'ku', 're', 'to', 'mi', 'ri', 'sha', 'ko', 'do', 'ya', 'ha', 'ru', 'ji', 'no', 'te', 'sa'];

export interface CorpusOptions {
  seed?: number;
  /** Titles 1…titles, sections 101… in each. */
  sections: number;
  titles?: number;
  /** Share of sections labelled secret/ANBU and secret/BREACH. */
  classifiedShare?: number;
}

export interface CorpusSection extends SearchDoc {
  refId: string;
}

function zipf(rand: () => number, n: number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 1; i <= n; i++) cumulative.push((sum += 1 / i));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const PUBLIC: Label = { classification: 'public', compartments: [] };

/** Generated sections, one search document each (one version, in force since a date). */
export function generateCorpus(opts: CorpusOptions): CorpusSection[] {
  const rand = prng(opts.seed ?? 20261201);
  const titles = opts.titles ?? Math.max(1, Math.ceil(opts.sections / 800));
  const rare: string[] = [];
  const seen = new Set([...COMMON, ...LEGAL, ...VERBS]);
  while (rare.length < 4000) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (!seen.has(w)) (seen.add(w), rare.push(w));
  }
  const legal = zipf(rand, LEGAL.length);
  const common = zipf(rand, COMMON.length);
  const tail = zipf(rand, rare.length);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const word = (): string => {
    const r = rand();
    return r < 0.55 ? COMMON[common()]! : r < 0.88 ? LEGAL[legal()]! : r < 0.94 ? pick(VERBS) : rare[tail()]!;
  };
  const sentence = (): string => {
    const n = 8 + Math.floor(rand() * 14);
    const ws = Array.from({ length: n }, word);
    return ws.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  const classified = opts.classifiedShare ?? 0.05;
  const out: CorpusSection[] = [];
  const perTitle = Math.ceil(opts.sections / titles);
  for (let i = 0; i < opts.sections; i++) {
    const title = 1 + Math.floor(i / perTitle);
    const section = 101 + (i % perTitle);
    const code = `${title}-${section}`;
    const heading = [LEGAL[legal()]!, pick(['of', 'and', 'for', 'in']), LEGAL[legal()]!].join(' ').replace(/^./, (c) => c.toUpperCase());
    const subsections = 1 + Math.floor(rand() * 4);
    const body = Array.from({ length: subsections }, (_, k) => `(${k + 1}) ${sentence()}${rand() < 0.4 ? ' ' + sentence() : ''}`).join('\n');
    const r = rand();
    const label: Label = r < classified / 2 ? { classification: 'secret', compartments: ['ANBU'] } : r < classified ? { classification: 'secret', compartments: ['BREACH'] } : PUBLIC;
    const year = 1990 + Math.floor(rand() * 35);
    out.push({
      refId: `stat-${code}`, versionId: `ver-${code}`, code, heading, titleNumber: title, body,
      validFrom: `${year}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`, validTo: null, repealedOn: null, latest: true, label,
    });
  }
  return out;
}
