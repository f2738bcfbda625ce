// The versioned read cache: a value is reused only while the change version is the one it was loaded under.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeVersion } from '../../src/store/change-version.js';
import { deepFreeze, VersionedCache } from '../../src/service/versioned-cache.js';

/** A version the test moves by hand, as a write would. */
class Counter implements ChangeVersion {
  n = 0;
  current(): string {
    return String(this.n);
  }
}

test('reuses a value until the version moves, then loads again', async () => {
  const v = new Counter();
  const cache = new VersionedCache<string>(v);
  let loads = 0;
  const load = async () => `value-${++loads}`;
  assert.equal(await cache.get('k', load), 'value-1');
  assert.equal(await cache.get('k', load), 'value-1');
  v.n++;
  assert.equal(await cache.get('k', load), 'value-2');
  assert.equal(await cache.get('other', load), 'value-3');
  assert.equal(await cache.get('k', load), 'value-2');
});

test('a value absent from the store (undefined) is cached like any other until the version moves', async () => {
  const v = new Counter();
  const cache = new VersionedCache<string | undefined>(v);
  let stored: string | undefined;
  let loads = 0;
  const load = async () => {
    loads++;
    return stored;
  };
  assert.equal(await cache.get('k', load), undefined);
  assert.equal(await cache.get('k', load), undefined);
  assert.equal(loads, 1);
  stored = 'now there';
  v.n++;
  assert.equal(await cache.get('k', load), 'now there');
});

test('concurrent misses of one key share one load', async () => {
  const cache = new VersionedCache<number>(new Counter());
  let loads = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const load = async () => {
    loads++;
    await gate;
    return 42;
  };
  const all = Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
  release();
  assert.deepEqual(await all, [42, 42, 42]);
  assert.equal(loads, 1);
});

test('a failed load is not kept', async () => {
  const cache = new VersionedCache<number>(new Counter());
  await assert.rejects(
    cache.get('k', async () => {
      throw new Error('database is locked');
    }),
    /locked/,
  );
  assert.equal(await cache.get('k', async () => 7), 7);
});

test('a load that finishes after the version moved is not served under the new version', async () => {
  const v = new Counter();
  const cache = new VersionedCache<string>(v);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const slow = cache.get('k', async () => {
    await gate;
    return 'old';
  });
  v.n++;
  assert.equal(await cache.get('k', async () => 'new'), 'new');
  release();
  assert.equal(await slow, 'old');
  assert.equal(await cache.get('k', async () => 'reloaded'), 'new');
});

test('an asynchronous version source (a remote database) works the same', async () => {
  let n = 0;
  const cache = new VersionedCache<number>({ current: async () => String(n) });
  let loads = 0;
  const load = async () => ++loads;
  assert.equal(await cache.get('k', load), 1);
  assert.equal(await cache.get('k', load), 1);
  n++;
  assert.equal(await cache.get('k', load), 2);
});

test('a key longer than the limit is loaded every time, never kept', async () => {
  const cache = new VersionedCache<number>(new Counter(), 10, 8);
  let loads = 0;
  const load = async () => ++loads;
  assert.equal(await cache.get('x'.repeat(9), load), 1);
  assert.equal(await cache.get('x'.repeat(9), load), 2);
  assert.equal(await cache.get('x'.repeat(8), load), 3);
  assert.equal(await cache.get('x'.repeat(8), load), 3);
});

test('deepFreeze freezes nested objects and arrays', () => {
  const v = deepFreeze({ a: { b: [1, { c: 2 }] } });
  assert.ok(Object.isFrozen(v.a.b[1]));
  assert.throws(() => {
    (v.a.b as unknown[]).push(3);
  }, TypeError);
});
