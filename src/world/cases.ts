// The demo world's cases (WORLD.md, issue 13): the breach inquest the Kazekage opened on day 3
// (secret / BREACH: the Council knows it is being set up, not what it holds), with the evidence
// brought back from Snow — the poison sample, the antidote record (a digital file, by its SHA-256)
// and the attackers' weapons — passed from Kankuro to the evidence store and on; the extradition
// of Yuya, Akito and Kaede asked of Yukigakure, under legal review there and pending while the
// three stand trial in Snow; and Konoha's request for the transfer of a Konoha-born prisoner held
// in Suna, which the Kazekage approved on his return (event 8), the report on it Lee's to write.
// Each step is taken at its own instant of the story, as the person who took it.
import { createHash } from 'node:crypto';
import type { AppContext } from '../kernel/context.ts';
import type { Level } from '../kernel/auth/labels.ts';
import type { Role } from '../kernel/auth/policy.ts';
import { createPerson } from '../modules/registry/index.ts';
import { addEntry, addEvidence, confirmReceipt, draftRequest, openCase, stepRequest, transferEvidence, transitionCase } from '../modules/cases/index.ts';
import { day } from './calendar.ts';
import type { PersonIds } from './kazekage-search.ts';

/** The antidote record as Snow's hospital wrote it: its SHA-256 is what the chain checks at every hand-over. */
export const ANTIDOTE_RECORD = [
  "Yukigakure hospital — treatment record",
  'Patient: Rock Lee (envoy of Konohagakure, travelling with the Kazekage of Sunagakure)',
  'Poison: paralytic nerve agent delivered by senbon; onset within minutes',
  'Antidote: three-herb serum, 2 doses, 20 minutes apart; recovery complete by the next morning',
].join('\n');
export const ANTIDOTE_SHA256 = createHash('sha256').update(ANTIDOTE_RECORD).digest('hex');
export const INQUEST_TITLE = 'The breach: the attack on the Kazekage in Yukigakure';

const at = (d: number, hhmm: string) => `${day(d)}T${hhmm}:00.000Z`;

export async function loadCases(story: AppContext, person: PersonIds): Promise<{ created: number }> {
  const done = await story.db.selectFrom('cases_case').select('id').where('title', '=', INQUEST_TITLE).executeTakeFirst();
  if (done) return { created: 0 };
  const as = (key: string, role: Role, level: Level, compartments: string[], when: string): AppContext => ({
    ...story, now: () => new Date(when), actor: { kind: 'user', role, username: key, personId: person(key), clearance: { level, compartments } },
  });
  const gaara = (when: string) => as('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH'], when);
  const kankuro = (when: string) => as('kankuro', 'jounin', 'secret', ['BREACH'], when);
  // The aide keeps the register of requests (restricted); the inquest's evidence store is kept by
  // its investigator, the captain of the guard, cleared for BREACH as the inquest needs.
  const aide = (when: string) => as('aide', 'clerk', 'secret', ['ANBU'], when);
  const guard = (when: string) => as('guard-captain', 'jounin', 'secret', ['BREACH'], when);
  const temari = (when: string) => as('temari', 'jounin', 'secret', ['BREACH'], when);

  // Day 3: the Kazekage opens the inquest while the Council sits.
  const inquest = await openCase(gaara(at(3, '06:30')), {
    kind: 'inquest', title: INQUEST_TITLE, classification: 'secret', compartments: ['BREACH'],
    summary: 'How three deserters of Yukigakure came to attack the Kazekage on a diplomatic mission, and who knew.',
    parties: [
      ...['yuya', 'akito', 'kaede'].map((k) => ({ person: person(k), role: 'subject' as const })),
      ...['rock-lee', 'kankuro', 'naruto'].map((k) => ({ person: person(k), role: 'witness' as const })),
      { person: person('guard-captain'), role: 'investigator' as const },
    ],
  });
  await transitionCase(gaara(at(3, '06:35')), inquest.id, { transition: 'open' });
  await transitionCase(gaara(at(3, '14:00')), inquest.id, { transition: 'investigate' });

  // What Kankuro brought back from Snow: he collected it there, and handed it to the evidence store on day 0.
  const poison = await addEvidence(kankuro(at(3, '07:00')), inquest.id, {
    description: 'Poison sample: residue from the senbon that struck Lee', quantity: 1, condition: 'sealed glass vial', sealNumber: 'SUNA-EV-0417',
    collectedBy: person('kankuro'), collectedAt: at(-6, '04:10'), collectedWhere: "Yukigakure hospital, treatment room 2", storageLocation: 'Evidence store, cold shelf 1',
  });
  const antidote = await addEvidence(kankuro(at(3, '07:05')), inquest.id, {
    description: "Antidote record: Snow's hospital treatment record for Lee (copy on file)", quantity: 1, condition: 'intact file',
    collectedBy: person('kankuro'), collectedAt: at(-6, '09:30'), collectedWhere: "Yukigakure hospital, records office", sha256: ANTIDOTE_SHA256, storageLocation: 'Evidence store, records cabinet',
  });
  const weapons = await addEvidence(kankuro(at(3, '07:10')), inquest.id, {
    description: "Weapons: Akito's kunai and two senbon", quantity: 3, condition: 'bagged, blood traces', sealNumber: 'SUNA-EV-0418',
    collectedBy: person('kankuro'), collectedAt: at(-6, '03:50'), collectedWhere: 'the mountain pass below Yukigakure', storageLocation: 'Evidence store, locker 7',
  });
  // Each hand-over in two hands: the holder releases it, and the receiver confirms it in their own
  // name a few minutes later, with the hash computed again for the digital record.
  const receivers = { 'guard-captain': guard, temari } as const;
  const hand = async (item: string, from: AppContext, to: keyof typeof receivers, purpose: string, condition: string, sha256?: string) => {
    await transferEvidence(from, item, { receivedBy: person(to), at: from.now().toISOString(), purpose, condition, sealIntact: true, ...(sha256 ? { sha256 } : {}) });
    const received = new Date(from.now().getTime() + 3 * 60_000).toISOString();
    await confirmReceipt(receivers[to](received), item, { at: received, condition, sealIntact: true, ...(sha256 ? { sha256 } : {}) });
  };
  for (const item of [poison.id, weapons.id]) await hand(item, kankuro(at(0, '15:00')), 'guard-captain', 'lodged in the evidence store on return', 'seal intact');
  await hand(antidote.id, kankuro(at(0, '15:05')), 'guard-captain', 'lodged in the evidence store on return', 'intact file', ANTIDOTE_SHA256);
  await hand(poison.id, guard(at(4, '08:00')), 'temari', 'analysis for the inquest', 'seal intact');
  await hand(poison.id, temari(at(5, '17:00')), 'guard-captain', 'returned to the evidence store after analysis', 'resealed after sampling');
  await hand(weapons.id, guard(at(4, '08:10')), 'temari', 'examination of the weapons', 'seal intact');

  await addEntry(kankuro(at(3, '16:00')), inquest.id, { kind: 'testimony', on: day(3), by: person('kankuro'), text: 'Akito came at me from the rocks above the pass; I took a blow to the ribs before the puppet closed on him.' });
  await addEntry(guard(at(4, '10:00')), inquest.id, { kind: 'testimony', on: day(4), by: person('rock-lee'), text: 'The senbon came from the left as the Kazekage spoke with the Yukikage\'s envoy; I was numb within minutes.' });

  // The extradition of the three, asked of Snow by the aide for the Kazekage (so he may decide what follows).
  const extradition = await draftRequest(aide(at(3, '17:00')), {
    kind: 'extradition', requestingVillage: 'suna', requestedVillage: 'yuki', persons: ['yuya', 'akito', 'kaede'].map((k) => person(k)),
    basis: 'Attempted murder of the Kazekage and wounding of his escort on a diplomatic mission (sections 14-203 and 14-210), after desertion from Yukigakure.',
    classification: 'restricted',
  });
  await stepRequest(aide(at(4, '06:00')), extradition.id, { transition: 'transmit' });
  await stepRequest(aide(at(5, '12:00')), extradition.id, { transition: 'acknowledge' });
  // Snow reviews it while the three stand trial there for desertion and older crimes: pending.
  await stepRequest(aide(at(5, '12:05')), extradition.id, { transition: 'begin_legal_review' });

  // Konoha's request for its prisoner, held in Suna; the Kazekage approves on his return (event 8).
  let prisoner = (await story.db.selectFrom('registry_person').select('id').where('name', '=', 'Genzo Akabane').executeTakeFirst())?.id;
  if (!prisoner) {
    prisoner = (await createPerson({ ...story, now: () => new Date(at(1, '08:00')) }, {
      givenName: 'Genzo', familyName: 'Akabane', birthVillage: 'konoha', allegianceVillage: 'konoha', rank: 'chuunin',
      summary: 'Konoha-born; held in Suna for smuggling, wanted in the Land of Fire for robbery; to be transferred there for trial.',
    })).id;
  }
  const transfer = await draftRequest(aide(at(2, '09:00')), {
    kind: 'prisoner_transfer', requestingVillage: 'konoha', requestedVillage: 'suna', persons: [prisoner],
    basis: 'Trial in the Land of Fire for robbery on the Fire–Wind road; Konoha undertakes to return him should Suna try him first.', classification: 'restricted',
  });
  await stepRequest(aide(at(2, '09:30')), transfer.id, { transition: 'transmit' });
  await stepRequest(aide(at(2, '10:00')), transfer.id, { transition: 'acknowledge' });
  await stepRequest(aide(at(3, '09:00')), transfer.id, { transition: 'begin_legal_review' });
  await stepRequest(gaara(at(10, '06:00')), transfer.id, { transition: 'approve' });
  return { created: 1 };
}
