// Timed work, the kernel's surface for modules: schedule in a transaction, register kinds in the
// module record (SandstoneModule.jobs), and the oversight functions behind the jobs API and CLI.
export { schedule, scheduleEach, unschedule, reschedule, JOB_SCHEDULED_EVENT, type ScheduleOptions, type JobToSchedule } from './schedule.ts';
export type { Job, JobKind, JobState } from './job.ts';
export { listJobs, getJob, retryJob, cancelJob, viewOf, JOB_VIEWS, type JobView, type JobListQuery } from './oversight.ts';
export { retryDelayMs, BACKOFF_BASE_MS, BACKOFF_CAP_MS, DEFAULT_MAX_ATTEMPTS } from './backoff.ts';
export { VILLAGE_TIME_ZONE, nextSlot } from './recurrence.ts';
