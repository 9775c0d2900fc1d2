// The Hidden Sand's statute book (the Code of Sunagakure): demo law for the legislature module, written for Sandstone.
// Each version's text uses the statute markup: "(1)" at column 0, "  (a)" at 2 spaces, "    (i)" at 4 (see statute-book.test.ts).
// Cross-references cite other sections by number so the citation links resolve; a public section never cites a
// classified one (section 1-104(2) of the book itself says so), so a reader without clearance meets no dead link.

export interface StatuteVersionSeed { from: string /* YYYY-MM-DD, valid from */; reason: string /* what made it: 'enacted by …', 'consolidation: …' */; text: string }
export interface StatuteSeed {
  code: string;               // 'T-S', e.g. '14-203' (title 14, section 203)
  heading: string;            // 'Extradition of deserters'
  label?: { classification: 'restricted' | 'secret' | 'top_secret'; compartments: string[] }; // absent = public
  versions: StatuteVersionSeed[]; // oldest first; each text is the WHOLE text of that version; a version is valid until the next one's `from`
  repealed?: { on: string; reason: string };
}
export interface TitleSeed { number: number; heading: string; statutes: StatuteSeed[] }

/** The day the Code of Sunagakure came into force; no version is older. */
export const CODE_ENACTED = '2001-04-01';
const ENACTED = 'enacted by the Council as part of the Code of Sunagakure';

function enacted(text: string): StatuteVersionSeed[] {
  return [{ from: CODE_ENACTED, reason: ENACTED, text }];
}

/** A later version's text made from an earlier one by exact replacements, so an amendment changes only what it says it changes. */
function amend(text: string, ...edits: Array<[string, string]>): string {
  let out = text;
  for (const [from, to] of edits) {
    const at = out.indexOf(from);
    if (at < 0 || out.indexOf(from, at + 1) >= 0) throw new Error(`statute book: amendment text not found exactly once: ${from}`);
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Title 1 — General provisions

const T1_102_V1 = `(1) In this code, unless the context requires otherwise:
  (a) "the village" means Sunagakure, the Hidden Sand Village, and the lands of the Land of Wind under its protection;
  (b) "the Council" means the Council of the village constituted under section 2-101;
  (c) "the Kazekage" means the head of the village holding office under section 3-101, and includes an acting Kazekage while a designation under section 3-104 has effect;
  (d) "shinobi" means a person trained in the ninja arts who holds a rank conferred by a hidden village;
  (e) "shinobi of the village" means a shinobi who holds a rank conferred by the village;
  (f) "foreign shinobi" has the meaning given in section 7-101(1)(a);
  (g) "the administration office" means the office of the village that receives mission reports, records and returns; and
  (h) "day" means a period of twenty-four hours beginning at midnight.`;

const TITLE_1: TitleSeed = {
  number: 1,
  heading: 'General provisions',
  statutes: [
    {
      code: '1-101', heading: 'Short title, commencement and citation',
      versions: enacted(`This code may be cited as the Code of Sunagakure, and a section of it by its number, as in "section 2-104", "s. 2-104" or "§ 2-104".
(1) The code comes into force on the first day of the fourth month of the year of its enactment, and replaces every earlier ordinance of the village on a matter for which it provides.
(2) A title of the code may be cited by its number, as in "Title 14", and a subdivision of a section by its numbers and letters in brackets, as in "section 14-203(2)(b)".
(3) An ordinance that is not in this code has no force after the code comes into force, except so far as a section of the code keeps it in force for a transitional matter.`),
    },
    {
      code: '1-102', heading: 'Definitions',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T1_102_V1 },
        {
          from: '2014-03-20', reason: 'consolidation: amended by the Records Act, passed by the Council on 2014-03-05',
          text: T1_102_V1 + `
(2) Where this code requires a thing to be done in writing, a scroll delivered to the addressee's pigeon hole at the administration office, or a message carried by a messenger hawk of the aviary, is writing.`,
        },
      ],
    },
    {
      code: '1-103', heading: 'Computation of time',
      versions: enacted(`(1) A period of days fixed by this code runs from the day after the event that starts it, and ends at midnight of its last day.
(2) Where the last day of a period falls on a day of village mourning or a festival day declared by the Kazekage, the period ends on the next day that is neither.
(3) A period expressed in hours runs from the hour of the event, as recorded by the office that receives notice of it.`),
    },
    {
      code: '1-104', heading: 'Classified sections',
      versions: enacted(`(1) A section of this code, in Title 5 or elsewhere, may be classified under section 5-102, and is then published only to persons cleared to read it.
(2) A public section shall not cite a classified section by its number or heading; it may describe the classified provision in general terms.
(3) The number of a classified section is not given to another section, even after its repeal.`),
    },
    {
      code: '1-105', heading: 'Consolidation by the clerk',
      versions: enacted(`(1) The clerk of the Council keeps this code consolidated, so that each section can be read as it stood on any day, and keeps every earlier text of a section with the date from which it had effect and the act that made it.
(2) A repealed section is kept in the code with its history and the date of its repeal, and its number is not given to another section.
(3) In a consolidation the clerk may correct spelling, numbering and cross-references, but may not change the meaning of a section.
(4) A consolidated text is evidence of the law in force on the day it states, unless the contrary is shown from the minutes of the Council kept under section 2-112.`),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Title 2 — The Council and its procedure

const T2_101_V1 = `(1) The Council is the legislature of the village. It consists of nine councillors, elected by the residents of the village who have reached the age of majority.
(2) A councillor holds office for four years from the first sitting of the Council after the election, and may be re-elected.
(3) A shinobi of the village on active duty may not sit as a councillor; a councillor who accepts a mission resigns the seat.
(4) A seat that falls vacant is filled at a by-election held within sixty days, unless a general election falls within six months.`;

const T2_104_V1 = `(1) The quorum of the Council is six councillors.
(2) If a councillor draws attention to the want of a quorum, the presiding councillor shall have the councillors counted and, if fewer than the quorum are present, shall adjourn the sitting to the next day of sitting.
(3) A vote taken when a quorum was not present is void.`;
const T2_104_V2 = `(1) The quorum of the Council is five councillors.
(2) If a councillor draws attention to the want of a quorum, the presiding councillor shall have the councillors counted and, if fewer than the quorum are present, shall suspend the sitting for up to one hour and then, if a quorum is still wanting, adjourn it to the next day of sitting.
(3) A vote taken when a quorum was not present is void, and the clerk shall so record it in the minutes kept under section 2-112.`;

const T2_110_V1 = `(1) A question is decided by voices, unless a roll call is demanded.
(2) A roll call is held:
  (a) on the demand of any three councillors;
  (b) on the third reading of a bill;
  (c) on any question for which section 2-111(2) requires a special majority; and
  (d) on a motion to override the Kazekage's veto under section 3-105(3).
(3) On a roll call the clerk calls each councillor by seat number, and each answers "aye", "no" or "abstain"; the clerk records each answer in the minutes.`;

const T2_111_V1 = `(1) Except where this code provides otherwise, a question is carried by a majority of the councillors voting.
(2) A majority of two thirds of all councillors is required:
  (a) to override a veto of the Kazekage under section 3-105(3);
  (b) to amend or suspend any section of this Title, or to hold two readings of a bill on the same day;
  (c) to extend a declaration of emergency under section 9-103(2); and
  (d) to expel a councillor.
(3) For the purpose of subsection (2), "all councillors" means the number of seats of the Council, whether or not they are filled.`;

const T2_112_V1 = `(1) The clerk of the Council keeps minutes of every sitting, recording:
  (a) the councillors present, and the times at which each arrived and left;
  (b) every motion and amendment, with its mover and seconder;
  (c) every ruling on a point of order under section 2-109; and
  (d) the result of every vote and, for a roll call under section 2-110, each councillor's answer.
(2) The minutes of a sitting are read, corrected if need be, and signed by the presiding councillor at the next sitting.
(3) Signed minutes are public and are kept in the library, except minutes of a private sitting under section 2-103(3), which are kept by the clerk under the classification the Kazekage assigns.`;

const T2_113_V1 = `(1) The Council may appoint committees of councillors to examine bills, inquire into matters and report.
(2) There is a standing advisory committee of not more than five councillors, appointed by the Council at the start of each year, which advises the Kazekage on:
  (a) relations with other hidden villages;
  (b) the security of the village; and
  (c) any matter the Kazekage refers to it.
(3) The advice of the advisory committee is given in writing, is not binding, and is reported to the Council unless the Kazekage certifies that its disclosure would harm the security of the village.`;

const TITLE_2: TitleSeed = {
  number: 2,
  heading: 'The Council and its procedure',
  statutes: [
    {
      code: '2-101', heading: 'Constitution of the Council',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T2_101_V1 },
        {
          from: '2021-10-01', reason: 'consolidation: amended by the Council Enlargement Act, passed by the Council on 2021-09-14, for the general election of 2022',
          text: amend(T2_101_V1, ['nine councillors', 'twelve councillors'], ['for four years', 'for five years']),
        },
      ],
    },
    {
      code: '2-102', heading: 'Ordinary sittings',
      versions: enacted(`(1) The Council meets in ordinary session at the round table of the main assembly hall of the legislative building on the first and third days of each week, unless it resolves otherwise.
(2) A sitting opens at the ninth hour and continues until the business of the day is done or the presiding councillor adjourns it; a sitting that has lasted eight hours is adjourned unless the Council resolves under section 2-111(1) to continue.
(3) The sittings of the Council are public. The gallery may be cleared only under section 2-103(3) or section 2-109(4).`),
    },
    {
      code: '2-103', heading: 'Extraordinary sittings',
      versions: enacted(`(1) The Kazekage, or any four councillors by a signed request to the clerk, may call an extraordinary sitting of the Council.
(2) Notice of an extraordinary sitting, with the business for which it is called, is given to each councillor at least twelve hours before it opens, or at once where the Kazekage certifies that the security of the village requires it.
(3) An extraordinary sitting called on a certificate of the Kazekage under subsection (2) may be held in private, and its minutes may be classified under section 5-102.
(4) No business other than that stated in the notice is taken at an extraordinary sitting, except a motion to adjourn.
(5) Sections 2-104 to 2-112 apply to an extraordinary sitting as they apply to an ordinary one.`),
    },
    {
      code: '2-104', heading: 'Quorum',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T2_104_V1 },
        { from: '2009-05-01', reason: 'consolidation: amended by the Council Procedure Act 2009, passed by the Council on 2009-04-15', text: T2_104_V2 },
        {
          from: '2022-04-01', reason: 'consolidation: amended by the Council Enlargement Act, in force at the first sitting of the enlarged Council',
          text: amend(T2_104_V2, ['five councillors', 'seven councillors']) + `
(4) A councillor is present only when seated at the round table or in the chamber; a councillor who has sent a written vote is not counted towards the quorum.`,
        },
      ],
    },
    {
      code: '2-105', heading: 'Presiding councillor',
      versions: enacted(`(1) At its first sitting after a general election the Council elects one of its members as presiding councillor, and another as deputy, for the life of the Council.
(2) The presiding councillor keeps order, calls speakers under section 2-108, rules on points of order under section 2-109, and puts questions to the vote.
(3) The presiding councillor votes only when the votes are equal, and then votes for the question to remain as it was.
(4) When the presiding councillor and the deputy are both absent, the councillor longest in office presides.`),
    },
    {
      code: '2-106', heading: 'Order of business',
      versions: enacted(`At each ordinary sitting business is taken in the following order, unless the Council resolves otherwise:
(1) communications from the Kazekage or the acting Kazekage, including any designation lodged under section 3-104(1);
(2) reports of committees, including the advisory committee under section 2-113;
(3) petitions, and urgent post received at the aviary addressed to the Council;
(4) bills, in the order of their readings under section 2-114;
(5) motions, in the order in which notice of them was given under section 2-107(2);
(6) other business.`),
    },
    {
      code: '2-107', heading: 'Motions',
      versions: enacted(`(1) A motion is a proposal that the Council do something, order something to be done, or express an opinion.
(2) Notice of a motion is given in writing to the clerk at least one day before the sitting at which it is to be moved, except for:
  (a) a motion to adjourn the sitting or the debate;
  (b) a motion that the question be now put;
  (c) a motion arising from a point of order under section 2-109; and
  (d) a motion for which the presiding councillor waives notice because of urgency.
(3) A motion must be seconded before it is debated.
(4) An amendment to a motion must be relevant to it and must not be a mere negation of it.
(5) A motion that directs an officer of the village, or that affects the residence or liberty of any person, has no force of law unless it is enacted as a bill under section 2-114; as a resolution it binds only the Council.`),
    },
    {
      code: '2-108', heading: 'Order of speakers',
      versions: enacted(`(1) A councillor who wishes to speak rises in place and addresses the presiding councillor, who calls speakers in the order in which they rose, alternating so far as possible between those for and those against the question.
(2) The mover of a motion speaks first and may reply at the end of the debate; every other councillor may speak once to each question.
(3) A speech is limited to ten minutes, and the mover's reply to five, unless the Council extends the time.
(4) A councillor shall not interrupt another who has the floor, except to raise a point of order under section 2-109.
(5) A person who is not a councillor may address the Council only when invited by resolution, except the Kazekage, an acting Kazekage, and a commander reporting on an emergency or a search under Title 9, who may address it at any time.`),
    },
    {
      code: '2-109', heading: 'Points of order and disorder',
      versions: enacted(`(1) A councillor may at any time raise a point of order, stating the rule of this Title or the section of the code that is said to be breached.
(2) The presiding councillor rules on a point of order at once, and the ruling is final for the sitting unless the Council overrules it, without debate, by a majority under section 2-111(1).
(3) A councillor who persists in shouting, interrupts after being called to order twice, or uses threatening words, may be named by the presiding councillor and ordered to withdraw for the rest of the sitting.
(4) In grave disorder the presiding councillor may suspend the sitting, clear the gallery, and ask the guard of the legislative building to restore order.
(5) No person may mould chakra in the main assembly hall while the Council sits, except a guard acting under subsection (4).`),
    },
    {
      code: '2-110', heading: 'Voting and roll calls',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T2_110_V1 },
        {
          from: '2017-02-01', reason: 'consolidation: amended by the Councillors\' Interests Act, passed by the Council on 2017-01-18',
          text: T2_110_V1 + `
(4) A councillor may not vote on a question in which the councillor has a personal financial interest, and shall declare the interest before the vote.`,
        },
      ],
    },
    {
      code: '2-111', heading: 'Majorities',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T2_111_V1 },
        {
          from: '2015-07-01', reason: 'consolidation: amended by the Residence (Inquests) Act, passed by the Council on 2015-06-10',
          text: amend(T2_111_V1, [`same day;
`, `same day;
  (ba) to pass a resolution suspending residence permits under section 7-106;
`]),
        },
      ],
    },
    {
      code: '2-112', heading: 'Minutes',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T2_112_V1 },
        {
          from: '2024-01-15', reason: 'consolidation: amended by the Council Records Act, passed by the Council on 2023-12-20',
          text: amend(T2_112_V1,
            ['point of order under section 2-109; and', 'point of order under section 2-109;'],
            [`each councillor's answer.`, `each councillor's answer; and
  (e) every section of the code cited in debate, by its number.`]),
        },
      ],
    },
    {
      code: '2-113', heading: 'Committees and the advisory committee',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T2_113_V1 },
        {
          from: '2023-01-01', reason: 'consolidation: amended by the Intelligence Cooperation Act, passed by the Council on 2022-12-07',
          text: amend(T2_113_V1, ['(b) the security of the village; and', '(b) the security of the village, including cooperation with the intelligence services of other villages under section 5-304; and']),
        },
      ],
    },
    {
      code: '2-114', heading: 'Bills',
      versions: enacted(`(1) A bill may be introduced by the Kazekage or by any councillor.
(2) A bill is read three times: at the first reading it is presented and printed; at the second its principles are debated, and it may be sent to a committee under section 2-113(1); at the third it is voted on as a whole.
(3) No two readings of a bill take place on the same day, unless the Council so resolves by the majority required by section 2-111(2)(b).
(4) A bill passed by the Council is presented to the Kazekage for assent under section 3-105.
(5) A bill amending a section of this code sets out the section as amended, and comes into force on the day the Kazekage assents to it, unless it states a later day.`),
    },
    {
      code: '2-115', heading: 'Citing the code in debate',
      versions: enacted(`(1) A councillor who relies on a section of the code in debate shall cite it by its number, and the clerk shall read the section as in force on the day of the sitting whenever a councillor asks.
(2) A councillor who cites a classified section in a public sitting breaches this Title; the presiding councillor shall stop the speech and, where necessary, order the passage struck from the minutes.`),
    },
    {
      code: '2-116', heading: 'Seats of the elders',
      versions: enacted(`(1) The two elders of the village may sit at the round table and speak, but may not vote.
(2) An elder may demand a second debate on any bill, once.`),
      repealed: { on: '2010-04-01', reason: 'repealed by the Council Reform Act, passed by the Council on 2010-03-03; the elders\' seats were abolished' },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Title 3 — The Kazekage

const T3_103_V1 = `(1) The Kazekage is absent when:
  (a) away from the village on a mission or on a visit to another village;
  (b) unable to act through injury or illness certified by the director of the hospital; or
  (c) not seen by the personal guard or the aide, and out of contact with the village, for twenty-four hours.
(2) When the Kazekage leaves the village, the Kazekage's aide records the departure and its expected length with the administration office.
(3) An absence under subsection (1)(c) is reported at once by the captain of the personal guard to the jounin command and to the acting Kazekage designated under section 3-104, and is a report of a missing person for the purposes of section 9-201.`;

const T3_104_V1 = `(1) When the Kazekage leaves the village, the Kazekage may designate a jounin of the village to act as Kazekage during the absence.
(2) Where the Kazekage is absent and no designation has effect, the Council designates the acting Kazekage.
(3) The acting Kazekage exercises the powers of the Kazekage under section 3-102, subject to section 3-106.`;
const T3_104_V2 = `(1) Before leaving the village the Kazekage designates in writing a jounin of the village to act as Kazekage during the absence; the designation is lodged with the clerk of the Council and with the administration office.
(2) Where the Kazekage is absent under section 3-103(1)(b) or (c) and no designation has effect, the jounin command, after consulting the presiding councillor, designates the acting Kazekage, and the Council confirms the designation at its next sitting.
(3) The acting Kazekage exercises the powers of the Kazekage under section 3-102, subject to section 3-106.
(4) The designation ends when the Kazekage returns and gives notice of the return to the clerk, or when the Council, by a majority of two thirds of all councillors, ends it.`;

const T3_104_V3 = amend(T3_104_V2, [`subject to section 3-106.
`, `subject to section 3-106.
(3A) A jounin on medical leave may not be designated; a jounin on administrative leave may be designated if the director of the hospital certifies that the jounin is fit for duties other than field duties.
`]);

const TITLE_3: TitleSeed = {
  number: 3,
  heading: 'The Kazekage',
  statutes: [
    {
      code: '3-101', heading: 'The office of Kazekage',
      versions: enacted(`(1) The Kazekage is the head of the village and the commander of its military forces.
(2) The Kazekage is chosen by the Council from among the shinobi of the village, on the nomination of the previous Kazekage or, failing one, of the jounin command, and holds office until death, resignation or removal under section 3-108.
(3) Before taking office the Kazekage swears before the Council, at the round table, to protect the village and to keep its law.`),
    },
    {
      code: '3-102', heading: 'Powers and duties of the Kazekage',
      versions: enacted(`(1) The Kazekage:
  (a) assents to or vetoes bills under section 3-105;
  (b) commands the military, the garrisons and the covert units of the village;
  (c) assigns missions, directly or through the jounin command;
  (d) conducts relations with other villages, and receives their envoys under section 7-201;
  (e) opens inquests under section 3-107; and
  (f) declares emergencies under section 9-102.
(2) The Kazekage reports to the Council on the state of the village at least twice a year, and on any emergency as soon as it is declared.
(3) The Kazekage may issue orders within the powers in subsection (1); an order affecting the rights of residents is published at the administration office unless it is classified under section 5-102.`),
    },
    {
      code: '3-103', heading: 'Absence of the Kazekage',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T3_103_V1 },
        {
          from: '2019-10-01', reason: 'consolidation: amended by the Kazekage\'s Safety Act, passed by the Council on 2019-09-11',
          text: amend(T3_103_V1, ['for twenty-four hours', 'for twelve hours']),
        },
      ],
    },
    {
      code: '3-104', heading: 'Acting Kazekage',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T3_104_V1 },
        { from: '2011-06-01', reason: 'consolidation: amended by the Delegation of Authority Act, passed by the Council on 2011-05-18', text: T3_104_V2 },
        { from: '2024-06-01', reason: 'consolidation: amended by the Delegation of Authority (Leave) Act, passed by the Council on 2024-05-22', text: T3_104_V3 },
        {
          from: '2025-04-01', reason: 'consolidation: amended by the Delegation of Authority (Term) Act, passed by the Council on 2025-03-12',
          text: `${T3_104_V3}
(5) A designation has effect for no more than thirty days, and may be renewed.`,
        },
      ],
    },
    {
      code: '3-105', heading: 'Assent and veto',
      versions: enacted(`(1) Within ten days of receiving a bill passed by the Council, the Kazekage assents to it or returns it to the Council with written reasons for a veto.
(2) A bill neither assented to nor returned within the period in subsection (1) is treated as assented to on the day after that period ends.
(3) The Council may override a veto by a roll-call vote under section 2-110 with the majority required by section 2-111(2)(a), and the bill then becomes law without assent.`),
    },
    {
      code: '3-106', heading: 'Limits on the authority of an acting Kazekage',
      versions: enacted(`(1) An acting Kazekage may not:
  (a) assent to or veto a bill, except one the Council has certified as urgent;
  (b) conclude a treaty with another village, or an arrangement under section 14-102;
  (c) nominate a successor to the office of Kazekage; or
  (d) end an inquest that the Kazekage opened.
(2) An acting Kazekage reports in writing to the Kazekage, on the Kazekage's return, every decision taken during the absence.
(3) The period for assent under section 3-105(1) does not run while an acting Kazekage holds office, unless the bill is certified as urgent.`),
    },
    {
      code: '3-107', heading: 'Inquests',
      versions: enacted(`(1) The Kazekage may open an inquest into any death, disappearance, attack on the village or on its officers, or breach of the security of the village.
(2) An inquest is held by an officer or a panel the Kazekage appoints, which may summon any resident of the village to give evidence, and may inspect any record of the village within its clearance.
(3) An inquest into a breach of security is conducted under the procedure the Kazekage sets by classified order under section 5-102, and its report is classified accordingly.
(4) An inquest reports its findings to the Kazekage, who lays before the Council as much of them as can be disclosed without harm to the security of the village.`),
    },
    {
      code: '3-108', heading: 'Resignation and removal of the Kazekage',
      versions: enacted(`(1) The Kazekage may resign by writing delivered to the presiding councillor.
(2) The Council may remove the Kazekage for grave misconduct or permanent incapacity, by a roll-call vote of three quarters of all councillors, after an inquiry in which the Kazekage is heard.
(3) When the office falls vacant, the acting Kazekage designated under section 3-104, or if there is none the designate of the jounin command, holds office until the Council chooses a Kazekage under section 3-101(2).`),
    },
    {
      code: '3-109', heading: 'The personal guard and the aide',
      versions: enacted(`(1) The Kazekage has a personal guard, commanded by a captain the Kazekage appoints, which protects the Kazekage within and beyond the village.
(2) The Kazekage may assign members of the covert units of the village to the personal guard.
(3) The Kazekage has an aide, who keeps the Kazekage's diary, records departures under section 3-103(2), and carries messages to the Kazekage while absent.
(4) The Kazekage may not dismiss the personal guard from duty for more than six hours at a time, and the captain shall record every such dismissal.`),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Title 5 — Security of the village and the covert units

const ANBU = { classification: 'secret' as const, compartments: ['ANBU'] };

const T5_201_V1 = `(1) There is a covert unit of the village, the Special Assassination and Tactical Squad (ANBU), under the direct command of the Kazekage.
(2) The ANBU:
  (a) protects the Kazekage;
  (b) carries out missions that the Kazekage classifies as secret or top secret; and
  (c) investigates breaches, under the direction of an inquest opened under section 3-107.
(3) Members of the ANBU serve masked and under code names; their identities are classified under section 5-203.
(4) The commander of the ANBU reports only to the Kazekage.`;
const T5_201_V2 = amend(T5_201_V1,
  ['reports only to the Kazekage.', `reports only to the Kazekage, or to an acting Kazekage for the duration of a designation under section 3-104.
(5) The Council's oversight of the ANBU is exercised through the annual report under section 5-202, and not otherwise.`]);
const T5_201_V3 = amend(T5_201_V2,
  [`  (a) protects the Kazekage;
  (b) carries out`, `  (a) protects the Kazekage as bodyguards, alone or within the personal guard under section 3-109(2);
  (b) guards and watches the legislative building under section 5-104(1);
  (c) carries out`],
  ['  (c) investigates breaches', '  (d) investigates breaches']);

const T5_302_V1 = `(1) The military keeps a frontier surveillance programme, consisting of:
  (a) the sensor posts of the garrisons, watched under section 9-204;
  (b) patrols of the routes into the village; and
  (c) watch over the gate and the approaches to the legislative building.
(2) The programme is funded each year by an appropriation of the Council, on an estimate laid by the jounin command which states for each garrison the number of sensors, patrols and posts and their cost.
(3) Surveillance under this section is directed outward, at the frontier and the approaches to the village; it does not authorise watch over a resident of the village inside the village, which requires a warrant under section 5-303.`;

const TITLE_5: TitleSeed = {
  number: 5,
  heading: 'Security of the village and the covert units',
  statutes: [
    {
      code: '5-101', heading: 'Definitions',
      versions: enacted(`(1) In this Title:
  (a) "classified" means marked restricted, secret or top secret under section 5-102;
  (b) "compartment" means a class of classified information open only to persons the Kazekage has read into it;
  (c) "clearance" means the highest classification, and the compartments, that a person is authorised to read;
  (d) "covert unit" means a unit of the military whose members' identities and operations are classified; and
  (e) "breach" means an attack on, or an unauthorised entry into, the village, its officers or its records, or the disclosure of classified information to a person not cleared to receive it.`),
    },
    {
      code: '5-102', heading: 'Classification of records',
      versions: enacted(`(1) A record of the village may be classified:
  (a) restricted, where its disclosure would harm the work of an office of the village;
  (b) secret, where its disclosure would endanger the lives of shinobi or the security of the village; or
  (c) top secret, where its disclosure would gravely endanger the village.
(2) A classified record may also be placed in one or more compartments.
(3) The Kazekage, or an officer the Kazekage authorises, classifies records; a section of this code is classified by the Council on the request of the Kazekage.
(4) A classification is reviewed at least every ten years, and lapses at the review unless it is renewed.`),
    },
    {
      code: '5-103', heading: 'Access to classified information',
      versions: enacted(`(1) A person may read a classified record only if the person's clearance is at or above its classification and includes each of its compartments.
(2) The Kazekage grants clearances; the jounin command keeps the register of clearances.
(3) A person who holds a classified record shall not show it, describe it or confirm its existence to a person not cleared to read it.`),
    },
    {
      code: '5-104', heading: 'Security of the legislative building',
      versions: enacted(`(1) The legislative building, including the main assembly hall, the Kazekage's office and the galleried hallway, is guarded day and night by a unit the Kazekage assigns.
(2) A person entering the legislative building, other than a councillor, an officer of the village or an envoy accredited under section 7-201, may be searched and required to state the person's business.
(3) No weapon may be carried into the main assembly hall, except by the guard of the building and the personal guard of the Kazekage.`),
    },
    {
      code: '5-105', heading: 'Curfew in time of war',
      versions: enacted(`(1) While the village is at war, no resident may be outside a dwelling between the second hour after sunset and sunrise without a pass from the jounin command.
(2) A foreign shinobi found outside a dwelling during the curfew may be detained for up to three days.`),
      repealed: { on: '2012-09-01', reason: 'repealed by the Peace Measures Act, passed by the Council on 2012-08-20; a curfew is now a measure in an emergency under section 9-104' },
    },
    {
      code: '5-201', heading: 'Charter of the ANBU', label: ANBU,
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T5_201_V1 },
        { from: '2012-03-01', reason: 'consolidation: amended by the Covert Units Oversight Act, passed by the Council in private sitting on 2012-02-15', text: T5_201_V2 },
        { from: '2022-02-01', reason: 'consolidation: amended by the Personal Guard Act, passed by the Council in private sitting on 2022-01-19', text: T5_201_V3 },
      ],
    },
    {
      code: '5-202', heading: 'Oversight of the ANBU', label: { classification: 'restricted', compartments: [] },
      versions: [{
        from: '2012-03-01', reason: 'enacted by the Covert Units Oversight Act, passed by the Council in private sitting on 2012-02-15',
        text: `(1) The commander of the ANBU reports once a year to the Kazekage and to a panel of three councillors chosen by the Council, each cleared secret in the compartment ANBU.
(2) The report states the number of operatives, the budget spent, the missions carried out by kind, and any breach of this Title by an operative, but not the names of operatives.
(3) The panel may put questions in writing; it reports to the Council in general terms only.`,
      }],
    },
    {
      code: '5-203', heading: 'Identities of ANBU operatives', label: ANBU,
      versions: enacted(`(1) The name, face and family of an ANBU operative are secret in the compartment ANBU.
(2) An operative's records in the registers of the village are kept under the same classification; the public register shows only that the shinobi serves in the military.
(3) A person who discloses the identity of an operative, or who draws or portrays an operative unmasked, commits an offence punishable by imprisonment for up to ten years.`),
    },
    {
      code: '5-301', heading: 'Inquests into breaches', label: { classification: 'top_secret', compartments: ['BREACH'] },
      versions: enacted(`(1) This section sets the procedure for an inquest into a breach opened under section 3-107(3).
(2) The inquest is held by a panel of three: a jounin named by the Kazekage, the commander of the covert unit charged with investigating breaches or a deputy, and a medical officer of the hospital where a person was injured or poisoned in the breach.
(3) The panel:
  (a) takes statements from every person present at the breach within three days of that person's return to the village;
  (b) examines the mission reports filed with the administration office, and may seal them;
  (c) may request evidence from another village through its envoy, but does not disclose its own findings to that village without the written leave of the Kazekage; and
  (d) may order that any person who may have aided the breach be watched, and such watch needs no warrant.
(4) The existence, membership and findings of the panel are top secret in the compartment BREACH until the Kazekage declassifies them under section 5-102.
(5) The panel reports to the Kazekage within thirty days, and may make interim reports.`),
    },
    {
      code: '5-302', heading: 'Frontier surveillance programme',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T5_302_V1 },
        {
          from: '2023-04-01', reason: 'consolidation: amended by the Frontier Sensors Act, passed by the Council on 2023-03-08',
          text: amend(T5_302_V1, [`their cost.
(3) Surveillance`, `their cost.
(3) The Council may not reduce the appropriation for the sensor posts of a garrison on the frontier below that of the previous year, except on a report of the jounin command that the posts are no longer needed.
(4) Surveillance`]),
        },
      ],
    },
    {
      code: '5-303', heading: 'Watch over residents; warrants',
      versions: enacted(`(1) No shinobi or officer of the village may follow or watch a resident of the village, read the resident's post, or feel for the resident's chakra to track the resident's movements, except under a warrant of the Kazekage.
(2) A warrant is issued in writing for up to thirty days, names the person to be watched and the grounds, and may be renewed once.
(3) Subsection (1) does not apply to:
  (a) a search for a missing person under section 9-202;
  (b) the guard of the legislative building, within the building; or
  (c) watch ordered by an inquest into a breach under section 3-107(3).
(4) Information obtained under a warrant is classified secret and may be used only for the purpose of the warrant.`),
    },
    {
      code: '5-304', heading: 'Cooperation with the intelligence services of other villages',
      versions: [{
        from: '2023-01-01', reason: 'enacted by the Intelligence Cooperation Act, passed by the Council on 2022-12-07',
        text: `(1) The Kazekage may, after consulting the advisory committee under section 2-113(2)(b), make an arrangement with another village for the exchange of intelligence about missing-nin, threats to either village, or crimes that cross the frontier.
(2) An arrangement under subsection (1):
  (a) is in writing and states:
    (i) the kinds of information to be exchanged;
    (ii) the officers through whom they are exchanged; and
    (iii) the classification at which the other village keeps each kind;
  (b) requires the other village to keep information it receives at a classification no lower than the village's own;
  (c) does not permit the disclosure of information in a compartment, or of the identity of an operative of a covert unit; and
  (d) lapses after two years unless it is renewed.
(3) No information about a resident of the village may be given to another village under an arrangement unless the resident is a missing-nin, or is suspected of an offence punishable in both villages.
(4) The Kazekage reports to the Council each year the villages with which arrangements exist, but not their content.`,
      }],
    },
    {
      code: '5-305', heading: 'Unlawful disclosure',
      versions: enacted(`(1) A person who, knowing a record to be classified, shows, describes or gives it to a person not cleared to read it commits an offence.
(2) The offence is punishable:
  (a) for restricted information, by a fine of up to 50,000 ryo;
  (b) for secret information, by imprisonment for up to five years; and
  (c) for top secret information, or information in a compartment, by imprisonment for up to fifteen years.
(3) It is a defence that the disclosure was made to an inquest under section 3-107, or to the Council's oversight panel for the covert units, in answer to its question.`),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Title 7 — Foreign shinobi and envoys

const T7_104_V1 = `(1) A foreign-born person who has lived in the village since before the age of twelve, and for at least fifteen years, is a resident as of right and needs no residence permit.
(2) A foreign-born person who has been made a shinobi of the village by the academy or the jounin command owes allegiance to the village alone, and has the same rights and duties as a shinobi born in the village.`;

const T7_105_V1 = `(1) The Kazekage may order a foreign shinobi to leave the village, and not to return for a period stated in the order, where the foreign shinobi:
  (a) has committed an offence punishable by imprisonment;
  (b) has entered or remained in the village without a permit under section 7-102; or
  (c) is a missing-nin whose surrender has not been requested under Title 14.
(2) An order is made in writing, states its grounds, and gives the person at least three days to leave, unless the security of the village requires removal at once.`;
const T7_105_V2 = amend(T7_105_V1,
  [`without a permit under section 7-102; or`, `without a permit under section 7-102;`],
  [`under Title 14.`, `under Title 14; or
  (d) endangers the security of the village, on grounds found by an inquest under section 3-107.`],
  [`requires removal at once.`, `requires removal at once.
(3) A person ordered to leave may appeal under section 7-107, and is not removed while the appeal is pending unless the order states that the security of the village requires removal at once.
(4) An order is made against a named person on that person's own conduct; no order may be made against a class of persons by reason of birth, village of origin or allegiance alone.`]);
const T7_105_V3 = T7_105_V2 + `
(5) This section does not apply to an envoy, who may only be declared unwelcome under section 7-204.`;

const T7_RESIDENCE_ACT = 'the Residence (Inquests) Act, passed by the Council on 2015-06-10';

const TITLE_7: TitleSeed = {
  number: 7,
  heading: 'Foreign shinobi and envoys',
  statutes: [
    {
      code: '7-101', heading: 'Definitions',
      versions: enacted(`(1) In this Title:
  (a) "foreign shinobi" means a shinobi who holds a rank conferred by another village, or whose allegiance is to another village;
  (b) "foreign-born" describes a person born outside the village, whatever the person's allegiance;
  (c) "resident" means a person who lives in the village under a residence permit under section 7-102, or as of right under section 7-104;
  (d) "envoy" means a person accredited to the village by another village under section 7-201; and
  (e) "missing-nin" means a shinobi who has deserted the village that conferred the shinobi's rank.
(2) A shinobi of the village is not a foreign shinobi because of being foreign-born.`),
    },
    {
      code: '7-102', heading: 'Residence permits',
      versions: enacted(`(1) A foreign shinobi may live in the village only under a residence permit granted by the administration office with the consent of the jounin command.
(2) A permit states the holder's village, rank and dwelling and the purpose of the residence, and is granted for up to three years; it may be renewed.
(3) The holder of a permit reports any change of dwelling to the administration office within seven days.
(4) Envoys and the members of their households hold permits as of right for the term of the envoy's accreditation, under section 7-203.`),
    },
    {
      code: '7-103', heading: 'Register of foreign residents',
      versions: enacted(`(1) The administration office keeps a register of the foreign shinobi resident in the village, with the particulars in section 7-102(2).
(2) The register may be consulted by the jounin command, by an inquest under section 3-107, and by the person an entry concerns, and by no other person.
(3) A foreign shinobi who lives in the village without a permit, or gives false particulars for the register, commits an offence punishable by a fine of up to 20,000 ryo, and may be ordered to leave under section 7-105.`),
    },
    {
      code: '7-104', heading: 'Foreign-born persons raised in the village',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T7_104_V1 },
        {
          from: '2015-07-01', reason: `consolidation: amended by ${T7_RESIDENCE_ACT}`,
          text: amend(T7_104_V1, ['for at least fifteen years', 'for at least ten years']) + `
(3) A resident as of right may not be ordered to leave under section 7-105, but may be tried for an offence like any other resident.`,
        },
      ],
    },
    {
      code: '7-105', heading: 'Orders to leave the village',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T7_105_V1 },
        { from: '2015-07-01', reason: `consolidation: amended by ${T7_RESIDENCE_ACT}`, text: T7_105_V2 },
        { from: '2024-09-01', reason: 'consolidation: amended by the Envoys Act, passed by the Council on 2024-08-14', text: T7_105_V3 },
      ],
    },
    {
      code: '7-106', heading: 'Suspension of residence while an inquest is open',
      versions: [{
        from: '2015-07-01', reason: `enacted by ${T7_RESIDENCE_ACT}`,
        text: `(1) While an inquest into a breach is open, the Council may by resolution suspend, for up to ninety days, the residence permits of the foreign shinobi of a village named in the resolution whose shinobi took part in the breach.
(2) A resolution under subsection (1) requires the majority in section 2-111(2)(ba), on a roll-call vote under section 2-110(2)(c), and is made only on the written advice of the Kazekage.
(3) A resolution under subsection (1) does not apply to:
  (a) a resident as of right under section 7-104;
  (b) a shinobi of the village, wherever born;
  (c) an envoy or a member of an envoy's household; or
  (d) a person who has given evidence to the inquest and whom the inquest certifies.
(4) A person whose permit is suspended leaves the village within seven days, and may apply to return when the suspension ends.`,
      }],
    },
    {
      code: '7-107', heading: 'Appeals against orders to leave',
      versions: [{
        from: '2015-07-01', reason: `enacted by ${T7_RESIDENCE_ACT}`,
        text: `(1) A person ordered to leave under section 7-105 may, within three days of the order, appeal in writing to a panel of three councillors chosen by lot, none of whom sits on the advisory committee.
(2) The panel hears the person and the officer who proposed the order, and may confirm, vary or quash the order.
(3) The panel decides within ten days of the appeal; if it does not, the order lapses.`,
      }],
    },
    {
      code: '7-201', heading: 'Accreditation of envoys',
      versions: enacted(`(1) Another village may, with the consent of the Kazekage, post an envoy to the village; the envoy presents letters of credence to the Kazekage at the legislative building.
(2) The Kazekage keeps a public list of accredited envoys, and informs the Council of each accreditation.
(3) An envoy may be a shinobi of any rank or a civilian, and may be charged by the envoy's own village with business that does not concern the village.`),
    },
    {
      code: '7-202', heading: 'Status of envoys',
      versions: enacted(`(1) The person, dwelling and papers of an envoy are inviolable: no officer of the village may arrest, detain or search an envoy, or enter the envoy's dwelling, without the envoy's consent.
(2) An envoy is not subject to the jurisdiction of the village for acts done in the course of the envoy's functions; for other acts the Kazekage may ask the envoy's village to waive that immunity.
(3) An envoy may take part, with the consent of the Kazekage and of the envoy's own village, in a mission of the village, and while on it is under the command of its leader but keeps the status in subsection (1).
(4) The immunity in subsection (2) ends thirty days after the envoy's accreditation ends, except for acts done in the course of the envoy's functions.`),
    },
    {
      code: '7-203', heading: 'Dwellings and households of envoys',
      versions: enacted(`(1) The administration office provides each envoy with a dwelling in the village, near the legislative building where one is available, at a rent fixed by the Kazekage and paid by the envoy's village.
(2) The members of an envoy's household hold residence permits under section 7-102(4) and share the status in section 7-202(1).`),
    },
    {
      code: '7-204', heading: 'Envoy declared unwelcome',
      versions: enacted(`(1) The Kazekage may at any time, without giving reasons, declare an envoy unwelcome and ask the envoy's village to recall the envoy.
(2) If the envoy is not recalled within fourteen days, the Kazekage may end the accreditation, and section 7-202(4) applies.
(3) The Council may ask the Kazekage by resolution to act under this section, but may not itself declare an envoy unwelcome.`),
    },
    {
      code: '7-205', heading: 'Conference of the diplomatic corps',
      versions: enacted(`(1) The envoys accredited to the village meet in conference twice a year, at a time and place agreed with the Kazekage's office.
(2) The Kazekage, or a jounin the Kazekage names, attends the conference; the Council may send two councillors to it as observers.
(3) The proceedings of the conference are confidential to the envoys and the village, unless all agree otherwise.`),
    },
    {
      code: '7-206', heading: 'Reports by envoys',
      versions: [{
        from: '2019-05-01', reason: 'enacted by the Transfer of Prisoners Act, passed by the Council on 2019-04-17',
        text: `(1) An envoy who takes part in a mission of the village under section 7-202(3) files a mission report with the administration office within three days of returning, as a shinobi of the village would.
(2) An envoy charged by the envoy's own village with a matter before the village, including a transfer for trial under section 14-302, reports on it to the administration office when the matter is concluded.
(3) Reports under this section are kept by the administration office and may be classified under section 5-102; the envoy keeps a copy.`,
      }],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Title 9 — Emergencies and search and rescue

const T9_104_V1 = `(1) During an emergency the Kazekage may by order:
  (a) close the gate, or allow entry and departure only with a pass;
  (b) requisition dwellings, water, food and beasts of burden, with compensation assessed by the administration office;
  (c) call any shinobi of the village to duty, including one on administrative leave who is fit for it; and
  (d) order the rationing of water under section 12-104.
(2) An order under subsection (1) lapses when the declaration ends.
(3) No order under this section may suspend the sittings of the Council, the courts or the hospital, or the status of envoys under section 7-202.`;

const T9_202_V1 = `(1) The jounin command, or the Kazekage, forms a search party for a missing person and names its leader, who is a jounin.
(2) A search party may include:
  (a) jounin and chuunin of the village;
  (b) shinobi with ninken or other animals trained in tracking;
  (c) sensors of any garrison; and
  (d) members of the personal guard, where the missing person is the Kazekage.
(3) The leader may divide the party, send members ahead, and call for help from any garrison through whose area the search passes.
(4) The leader reports the progress of the search to the jounin command at least once a day by messenger hawk, where the distance allows.`;

const T9_204_V1 = `(1) The western garrison keeps a watch of sensors at its command post, day and night, to feel for chakra approaching or leaving the village across the western frontier.
(2) The sensor on watch records in the watch log:
  (a) each chakra felt, with its time, bearing and apparent distance; and
  (b) whether it was approaching or leaving, and when it was lost.
(3) The commander of the western garrison gives the watch log to a search party under section 9-202 or to an inquest under section 3-107 on request, and to the jounin command every seven days.`;

const TITLE_9: TitleSeed = {
  number: 9,
  heading: 'Emergencies and search and rescue',
  statutes: [
    {
      code: '9-101', heading: 'Definitions',
      versions: enacted(`(1) In this Title:
  (a) "emergency" means an attack on the village, a sandstorm, flood, fire or epidemic, or any other event that threatens the lives of many residents;
  (b) "missing person" means a person whose whereabouts are unknown and who is believed to be in danger;
  (c) "search party" means a party formed under section 9-202; and
  (d) "sensor" means a shinobi able to feel chakra at a distance.`),
    },
    {
      code: '9-102', heading: 'Declaration of emergency',
      versions: enacted(`(1) The Kazekage may declare an emergency over the whole or a part of the village and its lands, by a proclamation posted at the gate and at the administration office.
(2) A declaration states the emergency, the area, and the measures under section 9-104 that may be taken.
(3) The Kazekage informs the Council of a declaration at its next sitting, or at an extraordinary sitting called under section 2-103(1) within one day.`),
    },
    {
      code: '9-103', heading: 'Duration and review of a declaration',
      versions: enacted(`(1) A declaration has effect for seven days unless revoked earlier.
(2) The Council may extend a declaration for periods of up to thirty days each, by the majority required by section 2-111(2)(c).
(3) The Council may revoke a declaration at any time by a majority of the councillors voting.`),
    },
    {
      code: '9-104', heading: 'Emergency measures',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T9_104_V1 },
        {
          from: '2012-09-01', reason: 'consolidation: amended by the Peace Measures Act, passed by the Council on 2012-08-20',
          text: amend(T9_104_V1, [`with a pass;
`, `with a pass;
  (aa) impose a curfew in the area of the emergency;
`]),
        },
      ],
    },
    {
      code: '9-201', heading: 'Reports of missing persons',
      versions: enacted(`(1) Any person may report a missing person, at any hour, to the administration office, the gate guard or the jounin command.
(2) A report states, so far as known, the missing person's name and description, the last place and time the person was seen, and the reason for believing the person to be in danger.
(3) The officer receiving a report records it at once and passes it to the jounin command, which decides within two hours whether to form a search party under section 9-202.
(4) A report that the Kazekage is missing is also dealt with under section 3-103(3).`),
    },
    {
      code: '9-202', heading: 'Search parties',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T9_202_V1 },
        {
          from: '2018-03-01', reason: 'consolidation: amended by the Search and Rescue Act, passed by the Council on 2018-02-14',
          text: amend(T9_202_V1,
            ['(c) sensors of any garrison; and', '(c) sensors of any garrison;'],
            ['is the Kazekage.', `is the Kazekage; and
  (e) foreign shinobi or envoys who volunteer, with the consent of the leader and of the Kazekage or the acting Kazekage.`]),
        },
      ],
    },
    {
      code: '9-203', heading: 'Entry into the Demon Desert',
      versions: enacted(`(1) No resident may enter the Demon Desert beyond the western frontier except:
  (a) on a mission of the village;
  (b) as a member of a search party; or
  (c) with a pass from the commander of the western garrison.
(2) A person entering the Demon Desert under subsection (1) reports to the western command post on the way out and on return.
(3) The commander of the western garrison may close the routes into the Demon Desert while giant beasts are reported near them.`),
    },
    {
      code: '9-204', heading: 'Sensor watch on the western frontier',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T9_204_V1 },
        {
          from: '2023-04-01', reason: 'consolidation: amended by the Frontier Sensors Act, passed by the Council on 2023-03-08',
          text: amend(T9_204_V1,
            ['apparent distance; and', 'apparent distance;'],
            ['when it was lost.', `when it was lost; and
  (c) any chakra the sensor recognises, and whose it is believed to be.`]) + `
(4) Entries in the watch log are restricted, and entries concerning the movements of the Kazekage are secret.`,
        },
      ],
    },
    {
      code: '9-205', heading: 'Sandstorm warnings',
      versions: enacted(`(1) The western garrison and the gate guard give warning of an approaching sandstorm by the bell at the gate and by runners to the administration office.
(2) On a warning, the bazaar closes, stalls are secured under section 16-105(3), and the greenhouses are sealed under section 12-203.`),
    },
    {
      code: '9-206', heading: 'End of a search',
      versions: enacted(`(1) A search ends when the missing person is found, when the leader reports that further search would endanger the party, or when the jounin command ends it.
(2) Within three days of the end of a search the leader files a report with the administration office, and each member who was wounded reports to the hospital.
(3) A search for the Kazekage does not end except on the Kazekage's return, or by resolution of the Council carried under § 2-111(1).`),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Title 11 — Welfare of children and orphans

const T11_102_V1 = `(1) The village is responsible for the welfare of every orphan born in the village.
(2) The administration office, through its welfare officer, ensures that each orphan has a dwelling, food, water, clothing, care when sick, and schooling under section 11-106.`;

const T11_107_V1 = `(1) The village pays an allowance to the guardian of a child orphaned by conflict, where the parent whose death made the child an orphan was a shinobi of the village who died on a mission of the village.
(2) The allowance is paid monthly until the child reaches the age of twelve, at the rate the Council fixes each year.
(3) The allowance is not paid for a child living in the village home under section 11-105, whose keep is met by the village.`;

const TITLE_11: TitleSeed = {
  number: 11,
  heading: 'Welfare of children and orphans',
  statutes: [
    {
      code: '11-101', heading: 'Definitions',
      versions: enacted(`(1) In this Title:
  (a) "child" means a person under the age of sixteen;
  (b) "orphan" means a child both of whose parents are dead, or whose only living parent cannot be found or cannot care for the child;
  (c) "orphaned by conflict" describes an orphan a parent of whom died:
    (i) in a war, or in an attack on a village;
    (ii) on a mission; or
    (iii) of wounds received in a war, an attack or a mission;
  (d) "guardian" means a person appointed under section 11-104; and
  (e) "welfare officer" means the officer of the administration office charged with the duties in section 11-102(2).`),
    },
    {
      code: '11-102', heading: 'Duty of the village towards orphans',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T11_102_V1 },
        {
          from: '2021-03-10', reason: 'consolidation: amended by the Children\'s Welfare Act, passed by the Council on 2021-02-24',
          text: amend(T11_102_V1, ['every orphan born in the village.', 'every orphan living in it, whatever the orphan\'s village of birth.']),
        },
      ],
    },
    {
      code: '11-103', heading: 'Register of orphans',
      versions: enacted(`(1) The welfare officer keeps a register of the orphans living in the village, with the name, age, village of birth, dwelling and guardian of each.
(2) A person who takes an orphan into a dwelling for longer than seven days informs the welfare officer.
(3) The register is restricted, and an entry about the orphan of a shinobi killed on a classified mission is classified with that mission.`),
    },
    {
      code: '11-104', heading: 'Guardianship of orphans',
      versions: enacted(`(1) The welfare officer appoints a guardian for each orphan, preferring a relative of the orphan, then a resident known to the orphan, then the keeper of the village home under section 11-105.
(2) A guardian is responsible for the orphan's care and schooling, and reports to the welfare officer twice a year.
(3) The welfare officer visits each orphan at least once a year, and may remove a guardian who neglects or harms the orphan.`),
    },
    {
      code: '11-105', heading: 'The village home',
      versions: enacted(`(1) The village keeps a home for orphans who have no other guardian, with a keeper appointed by the administration office.
(2) The home takes no more than forty children; when it is full, the welfare officer places orphans with residents, whose allowance is paid under section 11-107 where it applies.
(3) A child may leave the home on reaching the age of sixteen, and the home keeps a bed for that person for a further year.`),
    },
    {
      code: '11-106', heading: 'Schooling of orphans',
      versions: enacted(`(1) Every orphan attends the academy or a civilian school from the age of six until at least the age of twelve, at the cost of the village.
(2) An orphan may not be admitted to shinobi training at the academy without the consent of the guardian and of the welfare officer.`),
    },
    {
      code: '11-107', heading: 'Allowance for children orphaned by conflict',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T11_107_V1 },
        {
          from: '2016-04-01', reason: 'consolidation: amended by the Orphans\' Allowance Act, passed by the Council on 2016-03-09',
          text: amend(T11_107_V1, ['the age of twelve', 'the age of sixteen']),
        },
      ],
    },
    {
      code: '11-108', heading: 'Enlistment of children in time of war',
      versions: enacted(`(1) While the village is at war, the jounin command may enlist a child of eight years or more who has graduated from the academy, for missions behind the lines.
(2) An orphan may be enlisted without the consent of a guardian.`),
      repealed: { on: '2018-09-01', reason: 'repealed by the Children\'s Missions Act, passed by the Council on 2018-08-15' },
    },
    {
      code: '11-109', heading: 'Minimum age for missions',
      versions: [{
        from: '2018-09-01', reason: 'enacted by the Children\'s Missions Act, passed by the Council on 2018-08-15',
        text: `(1) No child under the age of twelve may be sent on a mission outside the village, and no child under the age of fourteen on a mission graded above C.
(2) No child may be enlisted for war; an enlistment made under section 11-108 before its repeal ends on the day this section comes into force, and the child is returned to the child's guardian or to the village home.
(3) An officer who sends a child on a mission contrary to subsection (1) commits an offence punishable by loss of rank and imprisonment for up to two years.`,
      }],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Title 12 — Water and greenhouses

const T12_103_V1 = `(1) The keeper of the waters grants water reservations each year, in the following order of priority:
  (a) drinking water for every dwelling, at a fixed measure for each resident;
  (b) the hospital;
  (c) the garrisons and the academy; and
  (d) trades and other uses.
(2) A reservation states the source, the measure per day and the term; it may not be sold or passed to another person.
(3) A reservation may be reduced when the keeper of the waters finds that the levels reported under section 12-102(2) are falling.`;
const T12_103_V2 = amend(T12_103_V1,
  [`  (c) the garrisons and the academy; and
  (d) trades and other uses.`, `  (c) the greenhouses, within the limit in section 12-202(2);
  (d) the garrisons and the academy; and
  (e) trades and other uses.`]);
const T12_103_V3 = amend(T12_103_V2,
  ['(e) trades and other uses.', '(e) trades and other uses, including food stalls licensed under section 16-103.'],
  ['may be reduced when', 'may be reduced, but not below the measure in subsection (1)(a), when']);
const T12_103_V4 = T12_103_V3 + `
(4) The dwelling of an envoy receives water under subsection (1)(a) at the cost of the village.`;

const T12_202_V1 = `(1) The Kazekage appoints a keeper of the greenhouses, who manages them, allocates plots and keeps the quarantine corner.
(2) Plots are allocated for one year to residents who apply, by lot where there are more applicants than plots; a plot left untended for thirty days may be allocated again.`;

const TITLE_12: TitleSeed = {
  number: 12,
  heading: 'Water and greenhouses',
  statutes: [
    {
      code: '12-101', heading: 'Definitions',
      versions: enacted(`(1) In this Title:
  (a) "water of the village" means all water in the wells, cisterns, conduits and oases within the lands of the village, and rain caught on public roofs;
  (b) "water reservation" means an allocation of water to a holder under section 12-103;
  (c) "greenhouse" means a civic growing house kept by the village under section 12-201; and
  (d) "quarantine corner" means the part of a greenhouse set apart under section 12-204.`),
    },
    {
      code: '12-102', heading: 'Water as common property',
      versions: enacted(`(1) The water of the village belongs to the village in common, and no person may own it.
(2) The keeper of the waters, appointed by the Kazekage, measures the wells and cisterns each week and reports their levels to the administration office.
(3) A person who fouls a well, cistern or conduit, or draws water from it in secret, commits an offence punishable by a fine of up to 30,000 ryo or imprisonment for up to one year.`),
    },
    {
      code: '12-103', heading: 'Water reservations',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T12_103_V1 },
        { from: '2008-06-01', reason: 'consolidation: amended by the Greenhouses Act, passed by the Council on 2008-05-14', text: T12_103_V2 },
        { from: '2019-07-01', reason: 'consolidation: amended by the Water Act 2019, passed by the Council on 2019-06-12', text: T12_103_V3 },
        { from: '2026-06-01', reason: 'consolidation: amended by the Envoys (Water) Act, passed by the Council on 2026-05-20', text: T12_103_V4 },
      ],
    },
    {
      code: '12-104', heading: 'Rationing of water',
      versions: enacted(`(1) When the levels reported under section 12-102(2) fall below one third of the capacity of the cisterns, the Kazekage may order rationing, on its own or as a measure under section 9-104(1)(d).
(2) During rationing:
  (a) reservations under section 12-103(1)(c) to (e) are reduced by the measure the order states;
  (b) no water may be used to wash streets, fill pools or cool stalls; and
  (c) the greenhouses water only plants grown for food or medicine.
(3) Rationing ends when the Kazekage revokes the order or the levels rise above one half of capacity.`),
    },
    {
      code: '12-105', heading: 'Wells and cisterns',
      versions: enacted(`(1) No person may dig a well or build a cistern in the village or its lands without the leave of the keeper of the waters.
(2) A cistern built with leave is filled only from the sources the leave names, and is open to inspection by the keeper of the waters.`),
    },
    {
      code: '12-106', heading: 'Water levy on foreign residents',
      versions: enacted(`(1) Every foreign shinobi holding a residence permit under section 7-102 pays a water levy of 500 ryo a month to the administration office.
(2) Envoys are exempt from the levy.`),
      repealed: { on: '2021-05-01', reason: 'repealed by the Residents\' Equality Act, passed by the Council on 2021-04-14' },
    },
    {
      code: '12-201', heading: 'Civic greenhouses',
      versions: enacted(`(1) The village keeps civic greenhouses for growing food, medicinal plants and plants for the gardens of the village.
(2) The greenhouses are open to residents at the hours the keeper of the greenhouses fixes, and residents may tend plots allocated under section 12-202.
(3) Plants grown in the greenhouses belong to the village, except the produce of an allocated plot, which belongs to the plot's holder.`),
    },
    {
      code: '12-202', heading: 'Keeper of the greenhouses',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T12_202_V1 },
        {
          from: '2008-06-01', reason: 'consolidation: amended by the Greenhouses Act, passed by the Council on 2008-05-14',
          text: amend(T12_202_V1, [`quarantine corner.
(2) Plots`, `quarantine corner.
(2) The keeper uses no more water than the reservation of the greenhouses under section 12-103(1)(c), and keeps a daily record of the water used.
(3) Plots`]),
        },
      ],
    },
    {
      code: '12-203', heading: 'Sealing the greenhouses',
      versions: enacted(`(1) On a warning of a sandstorm under section 9-205(1), the keeper of the greenhouses closes and seals their vents and doors until the gate guard gives the all-clear.
(2) No person may enter a sealed greenhouse except the keeper and those the keeper names.`),
    },
    {
      code: '12-204', heading: 'Quarantine of plants',
      versions: enacted(`(1) A plant brought into the village from another land, or found in a greenhouse to carry a pest or blight, is placed in the quarantine corner of a greenhouse.
(2) A plant in quarantine:
  (a) is treated for pests under the direction of the keeper of the greenhouses;
  (b) is watered from a separate vessel, and its water and soil are not returned to the common supply; and
  (c) is released only when the keeper certifies it free of pests, or else is burned.
(3) No person other than the keeper may remove a plant from the quarantine corner, or bring a plant into a greenhouse without showing it to the keeper.
(4) A breach of subsection (3) is an offence punishable by a fine of up to 10,000 ryo.`),
    },
    {
      code: '12-205', heading: 'Private gardens',
      versions: enacted(`(1) A resident may keep a private garden, watered from the resident's reservation under section 12-103(1)(a), and may not use other water for it.
(2) A resident who brings a plant into the village from another land shows it to the keeper of the greenhouses within three days, and s. 12-204 applies to it.`),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Title 14 — Extradition and transfer of prisoners

const T14_203_V1 = `(1) A deserter of another village found in the village is arrested and held under section 14-103, and the deserter's village is informed within seven days.
(2) The deserter is surrendered to the deserter's village on its request, unless:
  (a) the deserter is a resident as of right under section 7-104, or has been made a shinobi of the village; or
  (b) the deserter is being tried, or is to be tried, in the village for an offence committed in the village, in which case surrender is deferred until the trial ends and any sentence is served, unless the Kazekage orders otherwise.
(3) A shinobi of the village who deserts is sought under section 14-201, and the Kazekage may ask the village where the deserter is found to hold the deserter until the request arrives.`;
const T14_203_V2 = amend(T14_203_V1,
  ['made a shinobi of the village; or', 'made a shinobi of the village;'],
  ['unless the Kazekage orders otherwise.', `unless the Kazekage orders otherwise; or
  (c) the deserter faces death in the requesting village and no assurance under section 14-205(2) is given.`]);
const T14_203_V3 = amend(T14_203_V2,
  ['(3) A shinobi of the village who deserts', `(3) A deserter of another village who has committed an offence in the village, or against the Kazekage or a shinobi of the village wherever the offence was committed, may be requested under section 14-201 even while held by the deserter's own village, subject to section 14-204(2).
(4) A shinobi of the village who deserts`]);

const T14_302_V1 = `(1) Where a transfer for trial under section 14-301(2) is proposed, the Kazekage informs the envoy of the receiving village, who may make representations within fourteen days.
(2) The order of transfer names the escort, the route, the day of handover and the officer of the receiving village to whom the prisoner is handed.
(3) The receiving village reports the outcome of the trial to the Kazekage.`;

const TITLE_14: TitleSeed = {
  number: 14,
  heading: 'Extradition and transfer of prisoners',
  statutes: [
    {
      code: '14-101', heading: 'Definitions',
      versions: enacted(`(1) In this Title:
  (a) "extradition" means the surrender of a person by one village to another for trial or punishment;
  (b) "requesting village" and "requested village" mean the villages that make and receive a request for extradition;
  (c) "deserter" means a missing-nin within section 7-101(1)(e);
  (d) "transfer" means the removal of a prisoner held by the village to another village under sections 14-301 to 14-304; and
  (e) "extraditable offence" means an offence punishable by imprisonment for at least one year both in the village and in the other village concerned.`),
    },
    {
      code: '14-102', heading: 'Arrangements with other villages',
      versions: enacted(`(1) The Kazekage may make arrangements with other villages on extradition and the transfer of prisoners; an arrangement has effect when the Council approves it by resolution.
(2) Where no arrangement exists with a village, the village may still surrender a person to it, or request a person from it, under this Title as a matter of courtesy.
(3) The clerk of the Council keeps the text of every arrangement in force with this code.`),
    },
    {
      code: '14-103', heading: 'Custody of persons sought',
      versions: enacted(`(1) A person whose extradition is requested may be arrested on the warrant of the Kazekage and held in the village prison until the request is decided.
(2) A person held under subsection (1) is brought before a judge of the village within two days, and at least every thirty days after that.
(3) The person may be released on conditions if the requesting village has not sent its full request within forty days of the arrest.`),
    },
    {
      code: '14-104', heading: 'Bounties for missing-nin',
      versions: enacted(`(1) The village pays a bounty, fixed by the Kazekage, to any person who delivers a missing-nin of another village alive to the gate guard.
(2) No bounty is paid to a shinobi of the village acting on a mission.`),
      repealed: { on: '2014-05-01', reason: 'repealed by the Extradition (Amendment) Act, passed by the Council on 2014-04-16' },
    },
    {
      code: '14-201', heading: 'Requests by the village for surrender',
      versions: enacted(`(1) The Kazekage may request another village to surrender a person accused or convicted of an offence against the law of the village, including an offence committed outside the village against a shinobi or officer of the village on a mission.
(2) A request is sent through the envoy of the requested village, or by messenger hawk to its leader, and states:
  (a) the person's identity and whereabouts, so far as known;
  (b) the offence, with the section of this code that creates it; and
  (c) the evidence, being:
    (i) for a person accused, a statement of the facts and of the evidence of each witness; or
    (ii) for a person convicted, the judgment and the part of the sentence still to be served.
(3) The Council may by resolution ask the Kazekage to make a request, but only the Kazekage makes it.
(4) In every request the village undertakes to treat the surrendered person as section 14-205 requires.`),
    },
    {
      code: '14-202', heading: 'Requests from other villages',
      versions: enacted(`(1) A request to the village for the surrender of a person is made to the Kazekage, with the particulars in section 14-201(2).
(2) The Kazekage refers the request to a judge of the village, who decides whether:
  (a) the offence is an extraditable offence;
  (b) the evidence would justify a trial in the village had the offence been committed there; and
  (c) any bar in section 14-204 applies.
(3) If the judge finds for surrender, the Kazekage may order the person surrendered; if the judge finds against it, the Kazekage shall not.
(4) The Kazekage may refuse surrender on grounds of the security of the village, with reasons laid before the Council.`),
    },
    {
      code: '14-203', heading: 'Extradition of deserters',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T14_203_V1 },
        { from: '2014-05-01', reason: 'consolidation: amended by the Extradition (Amendment) Act, passed by the Council on 2014-04-16', text: T14_203_V2 },
        { from: '2025-01-10', reason: 'consolidation: amended by the Deserters Act, passed by the Council on 2024-12-18 after crimes committed in the village by deserters of Yukigakure', text: T14_203_V3 },
      ],
    },
    {
      code: '14-204', heading: 'Bars to surrender; proceedings elsewhere',
      versions: enacted(`(1) No person is surrendered:
  (a) for an offence of a political character, unless it is an attack on the life of the leader of a village;
  (b) where the request is made in order to punish the person for the person's village of birth, clan or opinions; or
  (c) to a village where the person would face torture.
(2) No person is surrendered or requested for an offence for which the person has already been tried and acquitted or punished by another village; where another village is trying the person for the same conduct, a request under section 14-201 is deferred until that trial ends.
(3) Where two or more villages request the same person, the Kazekage decides which request has priority, considering where the gravest offence was committed, the person's own village, and the order of the requests.`),
    },
    {
      code: '14-205', heading: 'Assurances and treatment of surrendered persons',
      versions: enacted(`(1) A person surrendered to the village is tried only for the offences for which the person was surrendered, unless the surrendering village consents.
(2) The village does not surrender a person to face death unless the requesting village gives a written assurance that death will not be imposed or carried out.
(3) A person surrendered to or by the village is escorted under section 14-303, and is treated in custody as the law of the village requires for its own prisoners.`),
    },
    {
      code: '14-301', heading: 'Transfer of prisoners',
      versions: enacted(`(1) A person convicted in the village who is a shinobi or resident of another village may, with the person's consent or at the request of that village, be transferred to it to serve the rest of the sentence.
(2) A person accused in the village may be transferred to the person's village of birth for trial there, instead of being tried in the village, where:
  (a) the offence was committed against that village or its people as well as against the village;
  (b) the evidence is mostly in that village; and
  (c) that village undertakes to try the person and to report the outcome.
(3) A transfer is ordered by the Kazekage on the advice of a judge of the village, and section 14-204(1) applies to it as to a surrender.`),
    },
    {
      code: '14-302', heading: 'Transfer for trial: procedure',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T14_302_V1 },
        {
          from: '2019-05-01', reason: 'consolidation: amended by the Transfer of Prisoners Act, passed by the Council on 2019-04-17',
          text: amend(T14_302_V1, ['(3) The receiving village reports the outcome of the trial to the Kazekage.', '(3) The envoy of the receiving village reports the handover and, when it is known, the outcome of the trial to the administration office under section 7-206(2).']),
        },
      ],
    },
    {
      code: '14-303', heading: 'Escort of prisoners',
      versions: enacted(`(1) A prisoner surrendered or transferred by the village is escorted to the frontier, or to the receiving village, by at least two shinobi of the village of chuunin rank or above, one of whom is named in charge.
(2) The escort may use restraints and chakra seals as far as needed to prevent escape, and no further.
(3) The shinobi in charge obtains a written receipt for the prisoner and lodges it with the administration office on return.`),
    },
    {
      code: '14-304', heading: 'Costs of surrender and transfer',
      versions: enacted(`(1) The costs of a surrender or transfer are borne by the receiving village, unless an arrangement under section 14-102 provides otherwise.
(2) The administration office keeps an account of the costs and sends it to the receiving village through its envoy.`),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Title 16 — Trade and the bazaar

const T16_103_V1 = `(1) No person may keep a stall in the bazaar without a licence granted by the market warden.
(2) A licence is granted for one year to a resident, or to a foreign trader holding a pass under section 16-107; it names the stall and the goods to be sold, and may be renewed.
(3) The market warden may suspend a licence for up to thirty days for a breach of this Title, and the Kazekage's office may revoke it after hearing the holder.`;

const T16_104_V1 = `(1) A food stall keeps its water in covered vessels, drawn from a public well or cistern in the measure the keeper of the waters allows.
(2) The market warden, or an officer of the hospital, may inspect a food stall at any time, and close it until it is cleaned where food is found spoiled or unclean.
(3) A food stall keeper who sells food knowing it to be spoiled commits an offence punishable by a fine of up to 20,000 ryo and the suspension of the licence.`;

const TITLE_16: TitleSeed = {
  number: 16,
  heading: 'Trade and the bazaar',
  statutes: [
    {
      code: '16-101', heading: 'Definitions',
      versions: enacted(`(1) In this Title:
  (a) "the bazaar" means the market of the village around the market bridge, and the streets the administration office marks as part of it;
  (b) "stall" means a fixed or movable place of sale in the bazaar;
  (c) "food stall" means a stall at which food or drink is prepared or sold; and
  (d) "trader" means a person who sells goods or services in the village by way of business.`),
    },
    {
      code: '16-102', heading: 'The bazaar and the market warden',
      versions: enacted(`(1) The bazaar is open from sunrise to the second hour after sunset, and on festival days until midnight.
(2) The administration office keeps the bazaar, marks its stalls, and appoints a market warden.
(3) The market warden may move a stall to keep a way clear, and keeps the market bridge clear for carts and for shinobi on duty.`),
    },
    {
      code: '16-103', heading: 'Stall licences',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T16_103_V1 },
        {
          from: '2013-04-01', reason: 'consolidation: amended by the Family Stalls Act, passed by the Council on 2013-03-13',
          text: amend(T16_103_V1, [`may be renewed.
(3) The market warden`, `may be renewed.
(3) A licence may be held by a family, whose members may keep the stall in turn; the holder names the members to the market warden.
(4) The market warden`]),
        },
      ],
    },
    {
      code: '16-104', heading: 'Food stalls',
      versions: [
        { from: CODE_ENACTED, reason: ENACTED, text: T16_104_V1 },
        {
          from: '2019-07-01', reason: 'consolidation: amended by the Water Act 2019, passed by the Council on 2019-06-12',
          text: amend(T16_104_V1, ['drawn from a public well or cistern in the measure the keeper of the waters allows.', 'filled only from the stall\'s reservation under section 12-103(1)(e) or from a public well in the measure the keeper of the waters allows.']),
        },
      ],
    },
    {
      code: '16-105', heading: 'Stalls by the market bridge',
      versions: enacted(`(1) No stall may be set up on the market bridge itself; stalls by the bridge stand at the places the market warden marks.
(2) Stalls by the bridge leave a way of at least three paces at each end of the bridge.
(3) On a warning of a sandstorm under section 9-205, every stall keeper secures or takes down the stall's awning and goods.`),
    },
    {
      code: '16-106', heading: 'Weights and measures',
      versions: enacted(`(1) Traders use only the weights and measures of the village, which the market warden tests and marks each year.
(2) A trader who uses false weights or measures commits an offence punishable by a fine of up to 20,000 ryo, and the market warden may seize them.`),
    },
    {
      code: '16-107', heading: 'Foreign traders',
      versions: enacted(`(1) A trader who is not a resident may trade in the bazaar under a pass granted at the gate for up to thirty days.
(2) A pass does not confer residence; a foreign shinobi trading under a pass who stays beyond its term needs a permit under section 7-102.
(3) Goods brought by a foreign trader are shown at the gate, and plants among them are dealt with under section 12-204(1).`),
    },
    {
      code: '16-108', heading: 'Licence fees',
      versions: enacted(`(1) The holder of a licence pays a monthly fee fixed by the Council, at a lower rate for a food stall kept by a family with children under the age of twelve.
(2) Fees are paid to the administration office, and are spent on the upkeep of the bazaar and the market bridge.`),
    },
    {
      code: '16-109', heading: 'Tolls on the market bridge',
      versions: enacted(`(1) A toll of five ryo is paid for each cart crossing the market bridge on a market day.
(2) Shinobi on duty and carts of the village are exempt from the toll.`),
      repealed: { on: '2015-04-01', reason: 'repealed by the Market Bridge Act, passed by the Council on 2015-03-11' },
    },
    {
      code: '16-110', heading: 'Offences and penalties',
      versions: enacted(`(1) A person who keeps a stall without a licence under section 16-103(1), or sells goods not named in the licence, commits an offence punishable by a fine of up to 10,000 ryo.
(2) The market warden may remove an unlicensed stall and hold its goods for up to seven days, to be returned on payment of the fine.
(3) Offences under this Title are tried by a judge of the village; sections 16-104(3) and 16-106(2) fix their own penalties.`),
    },
  ],
};

/** The Code of Sunagakure, title by title, as consolidated up to 2026-11-01. */
export const STATUTE_BOOK: readonly TitleSeed[] = [TITLE_1, TITLE_2, TITLE_3, TITLE_5, TITLE_7, TITLE_9, TITLE_11, TITLE_12, TITLE_14, TITLE_16];
