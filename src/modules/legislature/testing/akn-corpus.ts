// A generated Akoma Ntoso act of many statutes (seeded: the same file for the same seed), for the
// import bench and the import tests: titles of sections, each with subsections, paragraphs and
// items as the statute markup has them, enacted on one day.
import { prng } from '../../../world/population.ts';
import { AKN_NAMESPACE, AKN_COUNTRY } from '../akn.ts';

const WORDS = ('shinobi council village sand wind envoy scroll mission rank record office gate tower water greenhouse trade ' +
  'caravan permit guard border season rescue storm orphan welfare elder Kazekage jounin chuunin genin clerk seal notice ' +
  'day month year period report return hearing appeal order fine duty right person family house well route oasis').split(' ');
const ROMAN = ['i', 'ii', 'iii', 'iv', 'v'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface GeneratedAct { xml: string; sections: number; codes: string[] }

/**
 * An act holding `sections` statutes in titles of up to 800 sections (codes 1-100 …), in force
 * from `enacted`. Each section has one to four subsections; some have paragraphs, a few items.
 */
export function generateAct(sections: number, seed = 1, enacted = '2001-04-01'): GeneratedAct {
  const rand = prng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const sentence = (min: number, max: number) => {
    const n = min + Math.floor(rand() * (max - min + 1));
    const ws = Array.from({ length: n }, () => pick(WORDS));
    ws[0] = ws[0]!.charAt(0).toUpperCase() + ws[0]!.slice(1);
    return `${ws.join(' ')}.`;
  };
  const leaf = (tag: string, eId: string, num: string, text: string) =>
    `<${tag} eId="${eId}"><num>(${num})</num><content><p>${esc(text)}</p></content></${tag}>`;
  const perTitle = 800;
  const out: string[] = [];
  const codes: string[] = [];
  const work = `/akn/${AKN_COUNTRY}/act/${enacted}/code`;
  out.push(`<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="${AKN_NAMESPACE}">
  <act name="code">
    <meta>
      <identification source="#bench">
        <FRBRWork><FRBRthis value="${work}/!main"/><FRBRuri value="${work}"/><FRBRdate date="${enacted}" name="enactment"/><FRBRauthor href="#council"/><FRBRcountry value="${AKN_COUNTRY}"/><FRBRname value="Generated code"/></FRBRWork>
        <FRBRExpression><FRBRthis value="${work}/eng@${enacted}/!main"/><FRBRuri value="${work}/eng@${enacted}"/><FRBRdate date="${enacted}" name="version"/><FRBRauthor href="#council"/><FRBRlanguage language="eng"/></FRBRExpression>
        <FRBRManifestation><FRBRthis value="${work}/eng@${enacted}/!main.xml"/><FRBRuri value="${work}/eng@${enacted}.akn"/><FRBRdate date="${enacted}" name="generation"/><FRBRauthor href="#bench"/></FRBRManifestation>
      </identification>
      <lifecycle source="#bench"><eventRef eId="evt_1" date="${enacted}" source="#ref_1" type="generation"/></lifecycle>
      <references source="#bench"><original eId="ref_1" href="${work}/eng@${enacted}" showAs="enacted by the generated Council"/></references>
    </meta>
    <body>`);
  const titles = Math.ceil(sections / perTitle);
  for (let t = 1; t <= titles; t++) {
    out.push(`<title eId="title_${t}"><num>Title ${t}</num><heading>${esc(sentence(2, 4).slice(0, -1))}</heading>`);
    for (let s = 0; s < perTitle && (t - 1) * perTitle + s < sections; s++) {
      const code = `${t}-${100 + s}`;
      codes.push(code);
      const sec = `sec_${code}`;
      const subs: string[] = [];
      const nSub = 1 + Math.floor(rand() * 4);
      for (let k = 1; k <= nSub; k++) {
        const sub = `${sec}__subsec_${k}`;
        const nPara = rand() < 0.3 ? 2 + Math.floor(rand() * 3) : 0;
        if (!nPara) { subs.push(leaf('subsection', sub, String(k), sentence(8, 24))); continue; }
        const paras: string[] = [];
        for (let j = 0; j < nPara; j++) {
          const pn = String.fromCharCode(97 + j);
          const para = `${sub}__para_${pn}`;
          const nItem = rand() < 0.2 ? 2 + Math.floor(rand() * 3) : 0;
          if (!nItem) { paras.push(leaf('paragraph', para, pn, sentence(5, 14))); continue; }
          const items = Array.from({ length: nItem }, (_, i) => leaf('item', `${para}__item_${ROMAN[i]}`, ROMAN[i]!, sentence(3, 10)));
          paras.push(`<paragraph eId="${para}"><num>(${pn})</num><intro><p>${esc(sentence(4, 10))}</p></intro>${items.join('')}</paragraph>`);
        }
        subs.push(`<subsection eId="${sub}"><num>(${k})</num><intro><p>${esc(sentence(6, 14))}</p></intro>${paras.join('')}</subsection>`);
      }
      out.push(`<section eId="${sec}"><num>${code}</num><heading>${esc(sentence(2, 6).slice(0, -1))}</heading>${subs.join('')}</section>`);
    }
    out.push('</title>');
  }
  out.push(`
    </body>
  </act>
</akomaNtoso>
`);
  return { xml: out.join('\n'), sections, codes };
}
