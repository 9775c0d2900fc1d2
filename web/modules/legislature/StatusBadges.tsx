// How a statute stands on a date, in words and colour (never colour alone).
import { formatDate } from '../../shared/ui.tsx';
import { STATUS_LABEL } from './queries.ts';

export function StatuteStatusBadge({ status, inForceFrom, repealedOn }: { status: string; inForceFrom?: string | null; repealedOn?: string | null }) {
  const title = status === 'repealed' && repealedOn ? `repealed on ${formatDate(repealedOn)}` : status === 'not_yet' && inForceFrom ? `in force from ${formatDate(inForceFrom)}` : undefined;
  return <span className={`badge badge-${status}`} title={title}>{STATUS_LABEL[status] ?? status}</span>;
}
