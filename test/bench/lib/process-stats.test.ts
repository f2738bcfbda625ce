import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { descendants, memoryRollup, pidsByName, processCpuSeconds, residentBytes, residentOfSet } from '../../../bench/lib/process-stats.js';

describe('bench process stats', () => {
  it('reads RSS and CPU of a live process, nothing for a gone one', async () => {
    assert.ok((residentBytes(process.pid) ?? 0) > 1024 * 1024);
    assert.ok((processCpuSeconds(process.pid) ?? -1) >= 0);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      await new Promise((r) => child.once('spawn', r));
      assert.ok(descendants(process.pid).includes(child.pid!));
      assert.ok(pidsByName('node').includes(child.pid!));
    } finally {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
    assert.equal(residentBytes(child.pid!), undefined);
  });
});

describe('bench memory of a set of processes', () => {
  it('counts shared pages once: the set is smaller than summed RSS and at least the private pages', async () => {
    const children = [0, 1].map(() => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' }));
    try {
      await Promise.all(children.map((c) => new Promise((r) => c.once('spawn', r))));
      await new Promise((r) => setTimeout(r, 300));
      const pids = children.map((c) => c.pid!);
      const set = residentOfSet(pids);
      const rollups = pids.map((p) => memoryRollup(p)!);
      assert.ok(set.bytes < set.rssSum);
      assert.ok(set.bytes >= rollups.reduce((s, m) => s + m.private, 0));
      assert.ok(set.pssSum <= set.rssSum);
    } finally {
      await Promise.all(
        children.map((c) => {
          const gone = new Promise((r) => c.once('exit', r));
          c.kill('SIGKILL');
          return gone;
        }),
      );
    }
  });
});
