import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idMaker, idTime, newId } from './ids.ts';

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{26}$/;

// Written out by hand from the ULID spec: 1469918176385 ms is 01ARYZ6S41 (the spec's own example).
describe('record ids', () => {
  it("spell the time as the ULID spec's example does", () => {
    const make = idMaker(() => 1469918176385, (n) => new Uint8Array(n));
    const id = make();
    expect(id).toBe('01ARYZ6S41' + '0'.repeat(16));
    expect(idTime(id)).toBe(1469918176385);
  });

  it('are 26 characters of Crockford base 32, and strictly increasing from one maker', () => {
    const ids = Array.from({ length: 20_000 }, newId);
    for (const id of ids) expect(id).toMatch(CROCKFORD);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keep order whatever the clock does: the same millisecond, a clock stepping back, a full random part', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 1, maxLength: 200 }), fc.boolean(), (times, allOnes) => {
      let i = 0;
      // All ones: every random digit is Z (31), so the first increment in a millisecond must carry into the time.
      const make = idMaker(() => times[Math.min(i++, times.length - 1)]!, (n) => new Uint8Array(n).fill(allOnes ? 255 : 7));
      let last = '';
      let latest = -1;
      for (const t of times) {
        const id = make();
        expect(id > last).toBe(true);
        // The id's time is the clock's when it moved forward, never earlier than the latest seen.
        latest = Math.max(latest, t);
        expect(idTime(id)).toBeGreaterThanOrEqual(latest);
        last = id;
      }
    }));
  });

  it("read the time they were made in", () => {
    const before = Date.now();
    const id = newId();
    expect(idTime(id)).toBeGreaterThanOrEqual(before);
    expect(idTime(id)).toBeLessThanOrEqual(Date.now());
  });

  it('draw fresh randomness in a new millisecond, not the last id plus one', () => {
    let t = 1000;
    let seed = 0;
    const make = idMaker(() => t++, (n) => Uint8Array.from({ length: n }, () => (seed = (seed * 73 + 41) % 256)));
    const a = make().slice(10);
    const b = make().slice(10);
    expect(a).not.toBe(b);
    expect(b).not.toBe(a.slice(0, 15) + String.fromCharCode(a.charCodeAt(15) + 1));
  });

  it('spell each random byte as one digit, its low five bits, sixteen bytes an id, in order', () => {
    // The bytes 0..31 are the alphabet in order; 255 and 224 keep only their low five bits (31 and 0).
    let t = 5000;
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i < 32 ? i : i < 48 ? (i % 2 ? 255 : 224) : 0));
    const make = idMaker(() => t++, (n) => bytes.slice(0, n));
    expect(make().slice(10)).toBe('0123456789ABCDEF');
    expect(make().slice(10)).toBe('GHJKMNPQRSTVWXYZ');
    expect(make().slice(10)).toBe('0Z'.repeat(8));
  });

  it('add one to the random part within a millisecond, carrying like a number, and keep the millisecond', () => {
    // ULID spec, monotonicity: the same millisecond gives the previous random part plus one (in its least
    // significant digit); the time moves only when all 80 bits were ones.
    const first = Uint8Array.from({ length: 4096 }, (_, i) => (i === 0 ? 0 : i < 16 ? 31 : 7));
    const make = idMaker(() => 1469918176385, (n) => first.slice(0, n));
    expect(make()).toBe('01ARYZ6S41' + '0' + 'Z'.repeat(15));
    expect(make()).toBe('01ARYZ6S41' + '1' + '0'.repeat(15));
    expect(make()).toBe('01ARYZ6S41' + '1' + '0'.repeat(14) + '1');
    // A carry in the middle: ...0Z plus one is ...10, the digits below it back to zero.
    const mid = Uint8Array.from({ length: 4096 }, (_, i) => (i < 14 ? 3 : i < 16 ? 31 : 0));
    const again = idMaker(() => 1000, (n) => mid.slice(0, n));
    expect(again().slice(10)).toBe('3'.repeat(14) + 'ZZ');
    expect(again().slice(10)).toBe('3'.repeat(13) + '400');
  });

  it('refuse to read the time of something that is not an id', () => {
    for (const bad of ['01ARYZ6S4U' + '0'.repeat(16), '01ARYZ6S4I' + '0'.repeat(16), '01arYZ-S41' + '0'.repeat(16), '']) {
      expect(() => idTime(bad)).toThrow(RangeError);
    }
  });

  it('refuse a time an id cannot hold', () => {
    expect(() => idMaker(() => 2 ** 48)()).toThrow(/below 2\^48/);
    expect(() => idMaker(() => -1)()).toThrow(RangeError);
  });
});
