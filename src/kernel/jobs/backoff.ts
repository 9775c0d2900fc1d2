// How long a failed job waits before its next attempt, and when it is given up (dead-lettered). Pure.

/** First retry after 30 s, doubling each time, never more than an hour apart. */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 3_600_000;
/** Attempts before a job is dead-lettered, unless its kind says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * The wait after the n-th failed attempt (n ≥ 1): 30 s, 1 min, 2 min, 4 min, 8 min, 16 min,
 * 32 min, then 1 h. No random jitter: retries are already spread by when each job first failed,
 * and a fixed table is what the docs and the tests can state.
 */
export function retryDelayMs(failedAttempts: number): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30));
}
