// The demo world's calendar: WORLD.md counts days from the party's return to Suna (day 0).
import { shiftDays } from '../kernel/village-time.ts';
export const DAY_ZERO = '2026-11-16';

export const day = (n: number): string => shiftDays(DAY_ZERO, n);
