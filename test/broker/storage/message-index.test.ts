// The message index's sealed side file: entries sorted by (hash, log offset), and lookups that agree with memory.
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { test } from 'node:test';
import { nodeFileLayer } from '../../../src/broker/storage/index.js';
import { idHash, indexFileName, keyHash, MessageIndex } from '../../../src/broker/storage/message-index.js';
import { readU64 } from '../../../src/broker/storage/record-codec.js';
import { removeDir, tempDir } from './helpers.js';

test('a sealed side file holds every entry sorted by (hash, offset) and answers like the in-memory index', async () => {
  const dir = await tempDir();
  try {
    const index = new MessageIndex(nodeFileLayer, dir);
    const base = 4096;
    const expected = new Map<number, number[]>();
    const note = (h: number, offset: number): void => {
      const list = expected.get(h) ?? [];
      list.push(offset);
      expected.set(h, list);
    };
    // Enough entries for every radix bucket pattern; repeated keys give many equal hashes, which keep log order.
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const offset = base + i * 300;
      const id = (i * 2654435761).toString(16).padStart(32, '0');
      const keys = i % 3 === 0 ? [`k${i % 97}`, 'hot'] : [];
      index.add(base, offset, 1_000 + i, 't', id, keys);
      note(idHash(id), offset);
      for (const k of keys) note(keyHash('t', k), offset);
    }
    const probes = [idHash((5 * 2654435761).toString(16).padStart(32, '0')), keyHash('t', 'hot'), keyHash('t', 'k3'), keyHash('t', 'absent')];
    const before = await Promise.all(probes.map((h) => index.candidates(h)));
    await index.seal(base);

    const data = await fs.readFile(`${dir}/${indexFileName(base)}`);
    const count = data.readUInt32LE(8);
    assert.equal(count, [...expected.values()].reduce((s, l) => s + l.length, 0));
    let prevHash = -1;
    let prevOffset = -1;
    for (let i = 0; i < count; i++) {
      const p = 36 + i * 16;
      const h = data.readUInt32LE(p);
      const offset = readU64(data, p + 8);
      assert.ok(h > prevHash || (h === prevHash && offset > prevOffset), `entry ${i} out of order`);
      prevHash = h;
      prevOffset = offset;
    }

    const after = await Promise.all(probes.map((h) => index.candidates(h)));
    assert.deepEqual(after, before, 'the side file answers exactly as memory did');
    for (const [i, h] of probes.entries()) assert.deepEqual(after[i], [...(expected.get(h) ?? [])].reverse(), 'newest first');

    const reloaded = new MessageIndex(nodeFileLayer, dir);
    assert.equal(await reloaded.load(base), true, 'the side file passes its checksum');
    assert.deepEqual(await Promise.all(probes.map((h) => reloaded.candidates(h))), before);
  } finally {
    await removeDir(dir);
  }
});
