// Opaque, time-ordered record ids (ULID: https://github.com/ulid/spec): 48 bits of milliseconds and
// 80 random bits in Crockford's base 32, so ids sort by creation and never collide across servers.
// Within one millisecond (or when the clock steps back) the last id's random part is incremented,
// so ids made by one process are strictly increasing. Our own rather than the `ulid` package's:
// that one asks the system for randomness once per character, which cost more than any other
// part of accepting a letter (bench/post.ts); here random bytes are drawn 4 KiB at a time.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
const POOL_BYTES = 4096;

/** An id maker: `now` gives milliseconds, `random(n)` n random bytes (both replaceable for tests). */
export function idMaker(now: () => number = Date.now, random: (n: number) => Uint8Array = randomBytes): () => string {
  let pool: Uint8Array = new Uint8Array(0);
  let used = 0;
  let lastTime = -1;
  const digits = new Uint8Array(RANDOM_CHARS);
  const freshRandom = () => {
    if (used + RANDOM_CHARS > pool.length) {
      pool = random(POOL_BYTES);
      used = 0;
    }
    // 256 is a multiple of 32: the low five bits of a uniform byte are a uniform digit.
    for (let i = 0; i < RANDOM_CHARS; i++) digits[i] = pool[used + i]! & 31;
    used += RANDOM_CHARS;
  };
  /** Adds one to the random part; false when it was all Zs (it wraps to zeros). */
  const increment = (): boolean => {
    for (let i = RANDOM_CHARS - 1; i >= 0; i--) {
      if (digits[i]! < 31) {
        digits[i]!++;
        return true;
      }
      digits[i] = 0;
    }
    return false;
  };
  return () => {
    const t = now();
    if (!Number.isSafeInteger(t) || t < 0 || t >= 2 ** 48) throw new RangeError(`an id's time must be a whole number of milliseconds below 2^48, not ${t}`);
    if (t > lastTime) {
      lastTime = t;
      freshRandom();
    } else if (!increment()) {
      // 2^80 ids in one millisecond cannot happen, but order must hold even then: borrow the next one.
      lastTime++;
      freshRandom();
    }
    let out = '';
    for (let i = TIME_CHARS - 1, rest = lastTime; i >= 0; i--, rest = Math.floor(rest / 32)) out = ALPHABET[rest % 32]! + out;
    for (let i = 0; i < RANDOM_CHARS; i++) out += ALPHABET[digits[i]!]!;
    return out;
  };
}

export const newId: () => string = idMaker();

/** The millisecond an id was made in (its first ten characters). */
export function idTime(id: string): number {
  let t = 0;
  for (let i = 0; i < TIME_CHARS; i++) {
    const d = ALPHABET.indexOf(id[i]!);
    if (d < 0) throw new RangeError(`not an id: ${id}`);
    t = t * 32 + d;
  }
  return t;
}
