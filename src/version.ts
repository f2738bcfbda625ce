// Hangar's version: the one in package.json (found from the sources and from dist/ alike).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const readVersion = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'hangar' && pkg.version) return pkg.version;
    } catch {
      // not here
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
};

export const VERSION = readVersion();
