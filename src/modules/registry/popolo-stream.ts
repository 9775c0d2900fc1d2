// Reads a Popolo file as a stream of its top-level collections' entries, so importing 100,000
// persons holds one entry at a time instead of the whole document (and its parse tree).
import fs from 'node:fs';

export interface TopLevelValue {
  /** The top-level field ("persons", "meta"…). */
  key: string;
  /** For a list, the entry's position in it; absent for a value that is not a list. */
  index?: number;
  /** The entry (or the whole value, when it is not a list), parsed. */
  value: unknown;
}

const QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_OBJ = 0x7b, CLOSE_OBJ = 0x7d, OPEN_ARR = 0x5b, CLOSE_ARR = 0x5d, COMMA = 0x2c, COLON = 0x3a;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

export class PopoloFileError extends Error {}

/**
 * Yields the entries of the top-level lists named in `lists` (and the whole value of any other
 * top-level field named in `values`), in file order. Structure is tracked byte by byte (every
 * JSON delimiter is ASCII, so multi-byte UTF-8 never confuses it); each entry is then parsed on
 * its own with JSON.parse. Memory: one read buffer and the largest single entry.
 */
export async function* readTopLevel(file: string, lists: ReadonlySet<string>, values: ReadonlySet<string> = new Set(), chunkBytes = 1 << 16, onKey?: (key: string) => void): AsyncGenerator<TopLevelValue> {
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    stream = fs.createReadStream(file, { highWaterMark: chunkBytes });
  } catch (e) {
    throw new PopoloFileError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  // States: before the top object; expecting a key; inside a key; expecting ':'; expecting a
  // value; inside a top-level list expecting an entry or ']'; inside a value/entry; after a value.
  type State = 'start' | 'key' | 'in_key' | 'colon' | 'value' | 'list' | 'in_value' | 'after' | 'list_after' | 'end';
  let state: State = 'start';
  let keyBytes: number[] = [];
  let key = '';
  let depth = 0; // nesting inside the current value
  let inString = false;
  let escaped = false;
  let parts: Buffer[] = []; // bytes of the current value
  let partStart = -1;
  let index = 0;
  let inList = false;
  let offset = 0;
  const fail = (what: string, at: number): never => {
    throw new PopoloFileError(`Cannot read ${file} as JSON: ${what} at byte ${at}`);
  };
  const wanted = () => (inList ? lists.has(key) : values.has(key) || lists.has(key));
  const finishValue = (chunk: Buffer, end: number): TopLevelValue | null => {
    const keep = wanted();
    if (keep) parts.push(chunk.subarray(partStart, end));
    const text = keep ? Buffer.concat(parts).toString('utf8') : '';
    parts = [];
    partStart = -1;
    if (!keep) return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      fail(`${(e as Error).message} in ${key}${inList ? `[${index}]` : ''}`, offset);
    }
    return inList ? { key, index, value } : { key, value };
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const out: TopLevelValue[] = [];
    if (state === 'in_value' && wanted()) partStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      switch (state) {
        case 'start':
          if (i === 0 && offset === 0 && b === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) { i += 2; break; } // a UTF-8 byte order mark
          if (isSpace(b)) break;
          if (b !== OPEN_OBJ) throw new PopoloFileError('a Popolo file is a JSON object with "persons", "organizations", "memberships"…');
          state = 'key';
          break;
        case 'key':
          if (isSpace(b)) break;
          if (b === QUOTE) { state = 'in_key'; keyBytes = []; break; }
          if (b === CLOSE_OBJ) { state = 'end'; break; }
          fail('expected a field name', offset + i);
          break;
        case 'in_key':
          if (escaped) { escaped = false; keyBytes.push(b); break; }
          if (b === BACKSLASH) { escaped = true; keyBytes.push(b); break; }
          if (b === QUOTE) { key = JSON.parse('"' + Buffer.from(keyBytes).toString('utf8') + '"'); onKey?.(key); state = 'colon'; break; }
          keyBytes.push(b);
          break;
        case 'colon':
          if (isSpace(b)) break;
          if (b !== COLON) fail("expected ':'", offset + i);
          state = 'value';
          break;
        case 'value':
          if (isSpace(b)) break;
          if (b === OPEN_ARR && lists.has(key)) { state = 'list'; inList = true; index = 0; break; }
          inList = false;
          state = 'in_value'; depth = 0; inString = false; partStart = i; i--; // re-read this byte as the value's first
          break;
        case 'list':
          if (isSpace(b)) break;
          if (b === CLOSE_ARR) { state = 'after'; inList = false; break; }
          state = 'in_value'; depth = 0; inString = false; partStart = i; i--;
          break;
        case 'list_after':
          if (isSpace(b)) break;
          if (b === COMMA) { state = 'list'; index++; break; }
          if (b === CLOSE_ARR) { state = 'after'; inList = false; break; }
          fail(`expected ',' or ']' after ${key}[${index}]`, offset + i);
          break;
        case 'in_value': {
          if (inString) {
            if (escaped) escaped = false;
            else if (b === BACKSLASH) escaped = true;
            else if (b === QUOTE) inString = false;
            break;
          }
          if (b === QUOTE) { inString = true; break; }
          if (b === OPEN_OBJ || b === OPEN_ARR) { depth++; break; }
          if (b === CLOSE_OBJ || b === CLOSE_ARR) {
            if (depth === 0) {
              // The end of a bare value (number, true…) directly followed by the closing bracket.
              const v = finishValue(chunk, i);
              if (v) out.push(v);
              state = inList ? 'list_after' : 'after';
              i--;
              break;
            }
            depth--;
            if (depth === 0) {
              const v = finishValue(chunk, i + 1);
              if (v) out.push(v);
              state = inList ? 'list_after' : 'after';
            }
            break;
          }
          if (depth === 0 && (b === COMMA || isSpace(b))) {
            const v = finishValue(chunk, i);
            if (v) out.push(v);
            state = inList ? 'list_after' : 'after';
            i--;
          }
          break;
        }
        case 'after':
          if (isSpace(b)) break;
          if (b === COMMA) { state = 'key'; break; }
          if (b === CLOSE_OBJ) { state = 'end'; break; }
          fail("expected ',' or '}'", offset + i);
          break;
        case 'end':
          if (!isSpace(b)) fail('text after the end of the document', offset + i);
          break;
      }
    }
    if (state === 'in_value' && partStart >= 0 && wanted()) parts.push(chunk.subarray(partStart));
    offset += chunk.length;
    yield* out;
  }
  if ((state as State) !== 'end') fail('the file ends in the middle of the document', offset);
}
