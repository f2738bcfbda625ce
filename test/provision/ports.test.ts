import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { isDomainError } from '../../src/domain/errors.js';
import { PortAllocator } from '../../src/provision/ports.js';

describe('PortAllocator', () => {
  it('skips ports held by instances and ports bound by other processes', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(41003, '127.0.0.1', () => r()));
    try {
      const a = new PortAllocator({ from: 41000, to: 41009 }, '127.0.0.1');
      const taken = [{ grpc: 41000, namesrv: 41001, remoting: 41002, admin: 41004 }];
      const p = await a.allocate(taken);
      const got = [p.grpc, p.namesrv, p.remoting, p.admin];
      assert.equal(new Set(got).size, 4);
      for (const port of got) assert.ok(![41000, 41001, 41002, 41003, 41004].includes(port), `port ${port} should be skipped`);
    } finally {
      blocker.close();
    }
  });

  it('refuses with ResourceExhausted when the range is used up', async () => {
    const a = new PortAllocator({ from: 41100, to: 41102 }, '127.0.0.1');
    await assert.rejects(a.allocate([]), (e) => isDomainError(e) && e.code === 'ResourceExhausted');
  });
});
