// Finds ../shared/real-data beside the checkout; tests that need it skip, saying so, where it is absent.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const REAL_DATA_DIR = path.resolve(root, '../shared/real-data');

export function realDataFile(name: string): string | null {
  const p = path.join(REAL_DATA_DIR, name);
  if (fs.existsSync(p)) return p;
  console.warn(`[tests] skipped: ${p} is absent (../shared is not beside this checkout)`);
  return null;
}
