// Shapes the missions API returns (mirrors src/modules/missions/missions.schema.ts answers).
import type { Ref } from '../../app/types.ts';

export type PersonRef = Ref<{ id: string; name: string }>;
export type MissionRank = 'D' | 'C' | 'B' | 'A' | 'S';
export type MissionStatus = 'planned' | 'under_way' | 'completed' | 'failed' | 'aborted';
export type TeamRole = 'leader' | 'member' | 'escort';
export type ReportState = 'draft' | 'submitted' | 'under_review' | 'accepted' | 'returned';

export interface ReportSummary {
  id: string; mission: string; author: PersonRef; state: ReportState; due: string; overdue: boolean; submittedAt: string | null; acceptedAt: string | null;
}
export interface Injury {
  id: string; person: PersonRef; on: string; description: string; leave: 'medical' | 'administrative'; leaveFrom: string; leaveTo: string | null; reason: string; recordedAt: string;
}
interface MissionFields {
  id: string; code: string; rank: MissionRank; objective: string; client: string; villages: string[]; status: MissionStatus;
  plannedStart: string; plannedEnd: string; startedOn: string | null; endedOn: string | null; outcome: string | null;
  classification: string; compartments: string[]; version: number; createdAt: string; updatedAt: string;
}
export interface Mission extends MissionFields {
  team: { person: PersonRef; role: TeamRole }[]; injuries: Injury[]; reports: ReportSummary[];
}
export interface MissionListItem extends MissionFields { teamSize: number; leader: PersonRef | null; overdueReports: number }
export interface MissionList { items: MissionListItem[]; total: number }

export interface Report {
  id: string; mission: { id: string; code: string; rank: MissionRank; objective: string; endedOn: string | null };
  author: PersonRef; state: ReportState; body: string; comments: string | null; due: string; overdue: boolean;
  submittedAt: string | null; reviewer: PersonRef | null; reviewStartedAt: string | null; acceptedAt: string | null; returnedAt: string | null;
  version: number; createdAt: string; updatedAt: string; classification: string; compartments: string[];
}
export interface Queue { items: (ReportSummary & { missionCode: string; waitingDays: number })[]; total: number; overdue: number }
export interface MonthTurnaround { month: string; count: number; median: number | null; p90: number | null }
export interface Turnaround { from: string; to: string; months: MonthTurnaround[] }

export const STATUS_WORDS: Record<MissionStatus, string> = { planned: 'planned', under_way: 'under way', completed: 'completed', failed: 'failed', aborted: 'aborted' };
export const STATUSES = Object.keys(STATUS_WORDS) as MissionStatus[];
export const REPORT_STATE_WORDS: Record<ReportState, string> = {
  draft: 'draft', submitted: 'submitted', under_review: 'under review', accepted: 'accepted', returned: 'returned with comments',
};
export const ROLE_WORDS: Record<TeamRole, string> = { leader: 'leader', member: 'member', escort: 'escort' };
