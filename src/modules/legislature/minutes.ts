// Minutes generated from a session's record (pure): as section 2-112(1) lists them — the
// councillors present, every motion and amendment with its mover and seconder, the speakers in
// order, and the result of every vote with each councillor's answer — from the session as the
// reader sees it (a person the reader may not see stays withheld). Statute citations are quoted as
// written in the motions, with what each resolved to on the sitting's date.
import type { TSession } from './sessions.schema.ts';

type Person = TSession['chair'];
const nameOf = (p: Person | null): string => (p === null ? '—' : 'withheld' in p ? '[withheld]' : String((p as { displayName: string }).displayName));
const time = (instant: string) => {
  // Village time (UTC+03:00), hours and minutes.
  const d = new Date(Date.parse(instant) + 3 * 3600e3);
  return d.toISOString().slice(11, 16);
};
const ITEM_WORDS = { bill_reading: 'Bill reading', motion: 'Motion', report: 'Report' } as const;

export interface Minutes {
  session: string; title: string; date: string; place: string; chair: string; status: TSession['status'];
  present: string[]; absent: string[]; excused: string[]; notRecorded: string[];
  quorum: string;
  agenda: string[];
  speakers: string[];
  motions: { number: number; text: string; line: string; citations: string[] }[];
  votes: { number: number; question: string; line: string; yes: string[]; no: string[]; abstain: string[]; absent: string[] }[];
  /** The whole, as plain text (one paragraph per line). */
  text: string;
}

export function minutesOf(s: TSession): Minutes {
  const by = (a: TSession['members'][number]['attendance']) => s.members.filter((m) => m.attendance === a).map((m) => `${nameOf(m.member)} (${m.seat})`);
  const present = by('present');
  const absent = by('absent');
  const excused = by('excused');
  const notRecorded = by(null);
  const quorum = `Quorum: ${s.quorum.needed} (${s.quorum.basis}); ${s.quorum.present} present — ${s.quorum.met ? 'a quorum was present' : 'no quorum was present'}.`;
  const agenda = s.agenda.map((i) => `${i.position}. ${ITEM_WORDS[i.kind]}: ${i.title}${i.bill && !('withheld' in i.bill) ? ` (bill ${i.bill.code}${i.stage ? `, ${i.stage.replace(/_/g, ' ')}` : ''})` : ''}`);
  const speakers = s.queue.spoke.map((x) => `${time(x.from)}–${time(x.to)} ${nameOf(x.member)}${x.kind === 'point_of_order' ? ' (point of order)' : ''}`);
  const motions = s.motions.map((m) => ({
    number: m.number, text: m.text,
    line: `Motion ${m.number}${m.amends ? ` (amending motion ${m.amends})` : ''}, moved by ${nameOf(m.mover)}${m.seconder ? `, seconded by ${nameOf(m.seconder)}` : ', not seconded'}: "${m.text}" — ${m.status}.`,
    citations: m.citations.map((c) => c.text),
  }));
  const votes = s.votes.map((v) => {
    const answered = (o: string) => v.ballots.filter((b) => b.option === o).map((b) => nameOf(b.member) + (b.calledAloud ? ' (aloud)' : ''));
    const rule = `${v.rule.majority === 'simple' ? 'simple majority' : 'two thirds'} (${v.rule.basis}), quorum ${v.rule.quorum}`;
    return {
      number: v.number, question: v.question,
      line: `Vote ${v.number} on ${v.question} — ${rule}: ${v.result ? v.result.explanation : 'still open.'}`,
      yes: answered('yes'), no: answered('no'), abstain: answered('abstain'), absent: answered('absent'),
    };
  });
  const lines = [
    `Minutes of the Council, ${s.code}: ${s.title}`,
    `${s.date}, ${s.startsAt}, ${s.place}. Chair: ${nameOf(s.chair)}.${s.openedAt ? ` Opened ${time(s.openedAt)}.` : ''}${s.adjournedAt ? ` Adjourned ${time(s.adjournedAt)}.` : ''}`,
    `Present: ${present.join(', ') || 'none recorded'}.`,
    ...(excused.length ? [`Excused: ${excused.join(', ')}.`] : []),
    ...(absent.length ? [`Absent: ${absent.join(', ')}.`] : []),
    ...(notRecorded.length ? [`Attendance not recorded: ${notRecorded.join(', ')}.`] : []),
    quorum,
    'Agenda:', ...agenda,
    ...(speakers.length ? ['Speakers:', ...speakers] : []),
    ...motions.map((m) => m.line + (m.citations.length ? ` Statutes cited: ${m.citations.join('; ')}.` : '')),
    ...votes.flatMap((v) => [v.line, ...(v.yes.length + v.no.length + v.abstain.length + v.absent.length
      ? [`Yes: ${v.yes.join(', ') || 'none'}. No: ${v.no.join(', ') || 'none'}. Abstaining: ${v.abstain.join(', ') || 'none'}. Absent: ${v.absent.join(', ') || 'none'}.`] : [])]),
  ];
  return { session: s.code, title: s.title, date: s.date, place: s.place, chair: nameOf(s.chair), status: s.status, present, absent, excused, notRecorded, quorum, agenda, speakers, motions, votes, text: lines.join('\n') };
}
