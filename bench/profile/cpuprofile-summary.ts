// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per file/package, heaviest first.
// Run: node --import tsx bench/profile/cpuprofile-summary.ts <file.cpuprofile> [top]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Summary {
  totalMs: number;
  byFunction: { name: string; ms: number; pct: number }[];
  byFile: { name: string; ms: number; pct: number }[];
}

/** node_modules/<pkg>, node:internal, or the file relative to the repo. */
function fileKey(url: string): string {
  if (url === '') return '(native/vm)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return `pkg:${nm[1]}`;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/.*$/, 'node:internal');
  const m = /\/(src|dist\/src|bench|dist\/bench|test|dist\/test)\/(.*)$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : url;
}

export function summarise(profile: CpuProfile, top = 25): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    total += us;
    const { functionName, url, lineNumber } = n.callFrame;
    const key = `${functionName || '(anonymous)'} ${fileKey(url)}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const fk = fileKey(url);
    file.set(fk, (file.get(fk) ?? 0) + us);
  }
  const rank = (m: Map<string, number>): Summary['byFunction'] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, pct: (us / total) * 100 }));
  return { totalMs: total / 1000, byFunction: rank(fn), byFile: rank(file) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: cpuprofile-summary <file.cpuprofile> [top]');
  const s = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, Number(process.argv[3] ?? 25));
  console.log(`total sampled ${s.totalMs.toFixed(0)} ms`);
  console.log('\nself time by file/package:');
  for (const r of s.byFile) console.log(`${r.pct.toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`);
  console.log('\nself time by function:');
  for (const r of s.byFunction) console.log(`${r.pct.toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`);
}
