// A cheap "has anything changed?" token over the whole database, so that read caches above the store can be checked on
// every request instead of re-reading rows. Any committed write (this process's or another process's, such as
// `hangar credentials` run beside `hangar serve`) gives a different token; equal tokens mean nothing was written.
import type SQLite from 'better-sqlite3';

export interface ChangeVersion {
  /**
   * The current token. Read it before loading what it guards: a write between the read and the load then only makes the
   * next check miss. A PostgreSQL implementation can keep a counter bumped by LISTEN/NOTIFY from a trigger (synchronous)
   * or read a version row per call (a promise); callers await either.
   */
  current(): string | Promise<string>;
}

/**
 * Rows this process writes that no read cache depends on (signature nonces, one per signed Alibaba request): left out
 * of the version, so that they do not empty every cache on every request.
 */
export class UncountedWrites {
  rows = 0;

  add(rows: number | bigint): void {
    this.rows += Number(rows);
  }
}

/**
 * SQLite: `data_version` changes when another connection (process) commits; `total_changes()` counts the rows this
 * connection has written. Together they cover every write. Two statements: the pragma opens a read transaction (three
 * syscalls, about 1 µs), the function none; one query joining both costs twice as much.
 */
export function sqliteChangeVersion(sqlite: SQLite.Database, uncounted: UncountedWrites = new UncountedWrites()): ChangeVersion {
  const external = sqlite.prepare('pragma data_version').pluck();
  const own = sqlite.prepare('select total_changes()').pluck();
  return {
    current() {
      return `${external.get() as number}:${(own.get() as number) - uncounted.rows}`;
    },
  };
}
