// The per-request logger is built on first use, and then logs with the request id like the framework's own child.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { LazyRequestLogger } from '../../src/api/lazy-request-logger.js';

test('no child logger until something logs; then lines carry the request id', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const parent = pino({ level: 'info' }, sink);
  let children = 0;
  const counting = Object.create(parent) as FastifyBaseLogger;
  counting.child = (b, o) => {
    children++;
    return parent.child(b, o);
  };
  const log = new LazyRequestLogger(counting, { reqId: 'req-1' }, {});
  assert.equal(log.level, 'info');
  assert.equal(children, 0);
  log.debug('below the level');
  log.warn({ detail: 1 }, 'slow');
  log.error('failed');
  assert.equal(children, 1);
  assert.deepEqual(
    lines.map((l) => [l.reqId, l.msg, l.level]),
    [
      ['req-1', 'slow', 40],
      ['req-1', 'failed', 50],
    ],
  );
  assert.equal(lines[0]!.detail, 1);
});
