// A read-through cache of values loaded from the store, trusted only while the store's change version is the one they
// were loaded under: any committed write, from this process or another, empties it at the next lookup. So a credential
// deleted by `hangar credentials delete` in another process is refused by the very next request.
import type { ChangeVersion } from '../store/change-version.js';

export class VersionedCache<V> {
  private version: string | undefined;
  // Promises, so that concurrent misses of one key share a single load.
  private readonly entries = new Map<string, Promise<V>>();

  constructor(
    private readonly changes: ChangeVersion,
    private readonly maxEntries = 10_000,
    // Keys come from requests (an access key before its signature is checked, an id from a path): a long one is
    // loaded but not kept, so junk cannot fill memory.
    private readonly maxKeyLength = 256,
  ) {}

  /** The value of `key`, loading it when the cache does not hold it under the current version. */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (key.length > this.maxKeyLength) return load();
    const current = this.changes.current();
    const version = typeof current === 'string' ? current : await current;
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    } else {
      const hit = this.entries.get(key);
      if (hit) return hit;
    }
    // Loaded after the version was read, so the value is at least as new as the version it is kept under.
    const loading = load();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, loading);
    loading.catch(() => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
    });
    return loading;
  }
}

/** Freezes a loaded value and everything in it: cached values are shared by every request that reads them. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
