// Loads the golden fixtures built by fixtures/make-fixtures.py from the reference's layouts. Works both from test/
// (tsx) and from the compiled dist/test/ tree by walking up to the repository root.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
};

const FIXTURES = join(repoRoot(), 'test', 'broker', 'protocol', 'remoting', 'fixtures');

export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
