// Opaque, time-ordered record ids (ULID): sortable, collision-free across servers.
import { monotonicFactory } from 'ulid';

const next = monotonicFactory();
export const newId = (): string => next();
