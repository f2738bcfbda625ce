// `hangar status` and /healthz when a broker stops answering: degraded (503, exit 1) naming the instance whose broker is
// down, and ok again once it answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, Hangar } from '../helpers/hangar.js';

interface Report {
  status: string;
  instances: { name: string; status: string; broker: string }[];
}

describe('hangar status with a broker that stops answering', () => {
  let h: Hangar;
  let env: Record<string, string>;
  before(async () => {
    h = await Hangar.start();
    env = h.clientEnv();
  });
  after(async () => {
    for (const pid of h.brokerProcesses()) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone
      }
    }
    await h.destroy();
  });

  const status = async (): Promise<{ code: number; report: Report }> => {
    const r = await Hangar.cli(['status', '--output', 'json'], env);
    return { code: r.code, report: JSON.parse(r.stdout) as Report };
  };

  it('is degraded (503, exit 1) while the broker is stopped, ok (200, exit 0) once it answers again', async () => {
    const created = await Hangar.cli(['instances', 'create', '--name', 'status-one'], env);
    assert.equal(created.code, 0, created.stderr);
    assert.equal((await status()).code, 0);
    const [pid] = h.brokerProcesses();
    assert.ok(pid);
    process.kill(pid, 'SIGSTOP');
    try {
      const degraded = await eventually(async () => {
        const s = await status();
        return s.report.status === 'degraded' ? s : undefined;
      }, 60_000, 200);
      assert.equal(degraded.code, 1);
      assert.deepEqual(
        degraded.report.instances.map((i) => [i.name, i.broker]),
        [['status-one', 'down']],
      );
      assert.equal((await fetch(`${h.url}/healthz`)).status, 503);
      const table = await Hangar.cli(['status'], env);
      assert.equal(table.code, 1);
      assert.match(table.stdout, /^status: +degraded$/m);
    } finally {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // the driver replaced the hung broker already
      }
    }
    const ok = await eventually(async () => {
      const s = await status();
      return s.report.status === 'ok' ? s : undefined;
    }, 60_000, 200);
    assert.equal(ok.code, 0);
    assert.deepEqual(ok.report.instances.map((i) => [i.name, i.status, i.broker]), [['status-one', 'RUNNING', 'up']]);
    assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
  });
});

describe('hangar instances create when the broker cannot start', () => {
  it('shows the status until CREATE_FAILED and exits 1 with the reason', async () => {
    const h = await Hangar.start({ env: { HANGAR_BROKER_NODE_OPTIONS: '--require=/nonexistent/hangar-preload.js' } });
    try {
      const r = await Hangar.cli(['instances', 'create', '--name', 'doomed'], h.clientEnv());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /^doomed: CREATING$/m);
      assert.match(r.stderr, /^doomed: CREATE_FAILED$/m);
      assert.match(r.stderr, /^hangar: doomed is CREATE_FAILED: broker exited \(code 1\): Error: Cannot find module '\/nonexistent\/hangar-preload\.js'/m);
      assert.equal(r.stdout, '', 'no endpoints for a failed create');
    } finally {
      await h.destroy();
    }
  });
});
