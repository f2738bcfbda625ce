// One `hangar serve` per data directory, through the real binary: a second server is refused in one line naming the
// directory and the holder's pid, `hangar credentials` works beside a running server, and the lock goes with the
// process however it dies (SIGKILL), so the successor starts.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { freePort, Hangar } from '../helpers/hangar.js';

describe('the data directory lock of hangar serve', () => {
  let h: Hangar | undefined;
  after(async () => {
    await h?.destroy();
  });

  it('refuses a second server, lets the CLI work, and is released by SIGKILL', async () => {
    h = await Hangar.start();
    const second = await Hangar.serveRefused({ ...h.env, HANGAR_PORT: String(await freePort()) });
    assert.equal(second.code, 1, second.stderr + second.stdout);
    const lines = second.stderr.trim().split('\n');
    assert.equal(lines.length, 1, second.stderr);
    assert.ok(lines[0]!.includes(h.dataDir), lines[0]);
    assert.ok(lines[0]!.includes(`pid ${h.proc.pid}`), lines[0]);
    // The first server still answers: the refused one changed nothing.
    assert.equal((await fetch(`${h.url}/healthz`)).status, 200);

    const made = await Hangar.cli(['credentials', 'create', '--project', 'p-beside', '--json'], h.env);
    assert.equal(made.code, 0, made.stderr);
    const listed = await Hangar.cli(['credentials', 'list', '--json'], h.env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok((JSON.parse(listed.stdout) as { tenantId: string }[]).some((c) => c.tenantId === 'p-beside'));

    await h.kill();
    // No clean-up ran: the kernel dropped the lock with the process.
    await h.launch();
    assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
  });
});
