// A bill's stages as a horizontal line: what is done (with its date), where it is now, what may
// come next; a failed vote or a veto in red, and what it cut off marked "not reached". Each step
// says its state in words too, for screen readers and for print.
import { formatDate } from '../../shared/ui.tsx';
import { stageTrack, STATE_WORDS } from './stage-track.ts';
import type { Bill } from './types.ts';

export function StageTracker({ bill }: { bill: Pick<Bill, 'stage' | 'actions' | 'nextStages'> }) {
  const steps = stageTrack(bill.stage, bill.actions, bill.nextStages.map((n) => n.stage));
  return (
    <ol className="stage-tracker" aria-label="Stages of the bill">
      {steps.map((s, i) => (
        <li key={i} className={`stage-step step-${s.state}${s.bad ? ' step-bad' : ''}`} aria-current={s.state === 'current' ? 'step' : undefined}>
          <span className="step-dot" aria-hidden="true">{s.bad ? '✕' : s.state === 'done' || s.state === 'current' ? '✓' : ''}</span>
          <span className="step-words">{s.words}</span>
          <span className="step-state">{s.on ? formatDate(s.on) : STATE_WORDS[s.state]}</span>
          {s.on && <span className="visually-hidden"> ({STATE_WORDS[s.state]})</span>}
        </li>
      ))}
    </ol>
  );
}
