// Registry reads: rows → API shapes, people search, as-of queries, all filtered by the reader's clearance. No writes.
export * from './read/shared.ts';
export * from './read/people.ts';
export * from './read/memberships.ts';
export * from './read/organizations.ts';
