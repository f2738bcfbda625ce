// The real `hangar` binary against a running server: every command's table and JSON, instances named by either
// cloud's id or their name, `instances create` showing its status until RUNNING, `status` with the brokers, and the
// server's refusals (signature, policy) as exit 1 with the server's message.
import { e2eOnPostgres } from '../helpers/postgres.js';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { eventually, Hangar, TEST_PROJECT, TEST_SK } from '../helpers/hangar.js';

interface Instance {
  name: string;
  huaweiId: string;
  alibabaId: string;
  status: string;
  endpoints: { grpc: string[]; namesrv: string[] };
}

describe('hangar commands against a server', () => {
  let h: Hangar;
  let env: Record<string, string>;
  const hangar = (...args: string[]) => Hangar.cli(args, env);
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await hangar(...args, '--output', 'json');
    assert.equal(r.code, 0, `hangar ${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  let created: Instance;

  before(async () => {
    h = await Hangar.start({ env: { HANGAR_LOG_LEVEL: 'info' } });
    env = { ...h.clientEnv(), HANGAR_DATA_DIR: h.dataDir };
  });
  after(async () => {
    await h.destroy();
  });

  it('instances create shows the status changing (plain lines without a terminal) until RUNNING, then the endpoints', async () => {
    const r = await hangar('instances', 'create', '--name', 'cli-orders');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines[0], 'cli-orders: CREATING');
    assert.equal(lines[lines.length - 1], 'cli-orders: RUNNING');
    assert.ok(!r.stderr.includes('\r'), 'no spinner without a terminal');
    assert.match(r.stdout, /^status: +RUNNING$/m);
    assert.match(r.stdout, /^grpc: +127\.0\.0\.1:\d+$/m);
    assert.match(r.stdout, /^namesrv: +127\.0\.0\.1:\d+$/m);
    created = await json<Instance>('instances', 'show', 'cli-orders');
    assert.equal(created.status, 'RUNNING');
  });

  it('on a terminal, instances create draws a spinner line that ends with the status and the time taken', async () => {
    const here = fileURLToPath(import.meta.url);
    const entry = path.resolve(path.dirname(here), '../../src/cli', here.endsWith('.ts') ? 'main.ts' : 'main.js');
    const node = [process.execPath, ...(here.endsWith('.ts') ? ['--import', 'tsx'] : [])];
    const command = [...node, entry, 'instances', 'create', '--name', 'cli-tty'].join(' ');
    const out = await new Promise<string>((resolve) => {
      const p = spawn('script', ['-qefc', command, '/dev/null'], { env: { ...process.env, ...env, TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
      let text = '';
      p.stdout.on('data', (d: Buffer) => (text += d.toString()));
      p.on('exit', () => resolve(text));
    });
    assert.ok(out.includes('\r\u001b[2K'), `redraws one line: ${JSON.stringify(out.slice(0, 200))}`);
    assert.match(out, /cli-tty: RUNNING \(\d+\.\d s\)/);
    assert.match(out, /^status: +RUNNING\r?$/m);
    assert.equal((await hangar('instances', 'delete', 'cli-tty')).code, 0);
    await eventually(async () => !(await json<Instance[]>('instances', 'list')).some((i) => i.name === 'cli-tty'));
  });

  it('instances list and show: a table, or JSON; an instance by its Huawei id, Alibaba id or name', async () => {
    const table = await hangar('instances', 'list');
    assert.equal(table.code, 0, table.stderr);
    const [head, row] = table.stdout.trim().split('\n');
    assert.match(head!, /^NAME +HUAWEI_ID +ALIBABA_ID +STATUS +ENGINE_VERSION +FLAVOR +GRPC$/);
    assert.match(row!, new RegExp(`^cli-orders +${created.huaweiId} +${created.alibabaId} +RUNNING +5\\.x +rocketmq\\.b2\\.large\\.4 +127\\.0\\.0\\.1:\\d+$`));
    const list = (await json<Instance[]>('instances', 'list')).filter((i) => i.name === 'cli-orders');
    assert.deepEqual(
      list.map((i) => i.huaweiId),
      [created.huaweiId],
    );
    for (const ref of [created.huaweiId, created.alibabaId, created.name]) {
      assert.equal((await json<Instance>('instances', 'show', ref)).huaweiId, created.huaweiId, ref);
    }
    const missing = await hangar('instances', 'show', 'no-such-instance');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /The instance no-such-instance does not exist\. \(NotFound\)/);
  });

  it('topics and groups: create, list (table and JSON), delete, on an instance named by its name', async () => {
    const t = await hangar('topics', 'create', 'cli-topic', '--instance', 'cli-orders', '--type', 'FIFO', '--queues', '4');
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /^NAME +MESSAGE_TYPE +QUEUE_NUM +BROKERS +PERMISSION +CREATED_AT\ncli-topic +FIFO +4 +broker-a,broker-b +all +\S+$/m);
    const topics = await json<{ name: string; messageType: string; queueNum: number }[]>('topics', 'list', '--instance', created.alibabaId);
    assert.deepEqual(
      topics.map((x) => [x.name, x.messageType, x.queueNum]),
      [['cli-topic', 'FIFO', 4]],
    );
    const g = await hangar('groups', 'create', 'cli-group', '--instance', created.huaweiId, '--max-retries', '3', '--orderly');
    assert.equal(g.code, 0, g.stderr);
    assert.match(g.stdout, /^cli-group +3 +true +false +true +\S+$/m);
    const groupTable = await hangar('groups', 'list', '--instance', 'cli-orders');
    assert.match(groupTable.stdout, /^NAME +MAX_RETRIES +CONSUME_ORDERLY +BROADCAST +ENABLED +CREATED_AT\ncli-group /);
    const groups = await json<{ name: string; maxRetries: number }[]>('groups', 'list', '--instance', 'cli-orders');
    assert.deepEqual(groups.map((x) => [x.name, x.maxRetries]), [['cli-group', 3]]);

    const again = await hangar('topics', 'create', 'cli-topic', '--instance', 'cli-orders');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /The topic cli-topic already exists\. \(AlreadyExists\)/);
    const badName = await hangar('topics', 'create', 'a b', '--instance', 'cli-orders');
    assert.equal(badName.code, 1);
    assert.match(badName.stderr, /name is invalid/);

    assert.deepEqual(await json('topics', 'delete', 'cli-topic', '--instance', 'cli-orders'), { deleted: 'cli-topic' });
    assert.deepEqual(await json('groups', 'delete', 'cli-group', '--instance', 'cli-orders'), { deleted: 'cli-group' });
    assert.deepEqual(await json('topics', 'list', '--instance', 'cli-orders'), []);
    const emptyTable = await hangar('groups', 'list', '--instance', 'cli-orders');
    assert.equal(emptyTable.stdout, '(none)\n');
  });

  it('status prints /healthz: ok, version, database and each instance with its broker', async () => {
    const table = await hangar('status');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^status: +ok$/m);
    assert.match(table.stdout, new RegExp(`^database: +${e2eOnPostgres ? 'postgres' : 'sqlite'} \\(ok\\)$`, 'm'));
    assert.match(table.stdout, new RegExp(`^cli-orders +${created.huaweiId} +${created.alibabaId} +RUNNING +up$`, 'm'));
    const report = await json<{ status: string; version: string; database: unknown; instances: unknown[] }>('status');
    assert.equal(report.status, 'ok');
    assert.deepEqual(report.database, { kind: e2eOnPostgres ? 'postgres' : 'sqlite', ok: true });
    assert.deepEqual(report.instances, [{ huaweiId: created.huaweiId, alibabaId: created.alibabaId, name: 'cli-orders', status: 'RUNNING', broker: 'up' }]);
  });

  it('instances restart waits until RUNNING again', async () => {
    const r = await hangar('instances', 'restart', created.alibabaId);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^cli-orders: RESTARTING$/m);
    assert.match(r.stderr, /cli-orders: RUNNING\n$/);
  });

  it('a wrong secret, or a credential whose policy denies, fails with the server\'s message (exit 1), and the denial is logged', async () => {
    const wrong = await Hangar.cli(['instances', 'list'], { ...env, HANGAR_SECRET_KEY: 'not-the-secret' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /verify aksk signature fail \(Unauthenticated\)/);

    // The README's allow-then-deny policy: everything but deleting instances.
    const policy = path.resolve(path.dirname(fileURLToPath(import.meta.url)), import.meta.url.includes('/dist/') ? '../../..' : '../..', 'examples/policy-no-delete.json');
    const made = await hangar('credentials', 'create', '--project', TEST_PROJECT, '--policy', policy, '--json');
    assert.equal(made.code, 0, made.stderr);
    const limited = JSON.parse(made.stdout) as { accessKey: string; secretKey: string };
    const credFile = path.join(h.dataDir, 'limited.json');
    fs.writeFileSync(credFile, JSON.stringify(limited));
    const asLimited = (...args: string[]) => Hangar.cli([...args, '--credentials', credFile], { HANGAR_ENDPOINT: h.url });
    const listed = await asLimited('instances', 'list', '--output', 'json');
    assert.equal(listed.code, 0, listed.stderr);
    const denied = await asLimited('instances', 'delete', 'cli-orders');
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /not authorized to do rocketmq:DeleteInstance .*\(Forbidden\)/);
    const line = h.output.split('\n').find((l) => l.includes('"policy denied"'));
    assert.ok(line, 'a log line for the denial');
    const logged = JSON.parse(line) as Record<string, unknown>;
    assert.equal(logged.accessKey, limited.accessKey);
    assert.equal(logged.action, 'rocketmq:DeleteInstance');
    assert.ok(!line.includes(limited.secretKey));
  });

  it('instances delete answers DELETING; log lines name instances by both ids, never the internal one nor a secret', async () => {
    const r = await json<Instance>('instances', 'delete', 'cli-orders');
    assert.equal(r.status, 'DELETING');
    assert.equal(r.huaweiId, created.huaweiId);
    const internalIds = fs.existsSync(path.join(h.dataDir, 'brokers')) ? fs.readdirSync(path.join(h.dataDir, 'brokers')) : [];
    await new Promise((res) => setTimeout(res, 300));
    const lines = h.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const msg of ['instance create requested', 'instance restart requested', 'instance delete requested', 'instance status']) {
      const found = lines.filter((l) => l.msg === msg);
      assert.ok(found.some((l) => l.name === 'cli-orders'), `a "${msg}" line`);
      for (const l of found) {
        assert.match(String(l.huaweiId), /^[0-9a-f-]{36}$/, msg);
        assert.match(String(l.alibabaId), /^rmq-cn-\w+$/, msg);
        if (l.name === 'cli-orders') assert.deepEqual([l.huaweiId, l.alibabaId], [created.huaweiId, created.alibabaId], msg);
      }
    }
    for (const id of internalIds) assert.ok(!h.output.includes(id), 'the internal id is in no log line');
    assert.ok(!h.output.includes(TEST_SK), 'no secret in the logs');
  });
});
