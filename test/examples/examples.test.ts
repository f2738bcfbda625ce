// The README's examples are files (examples/) that run as written against a server; each one is run here, and the
// README shows each file as it is.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Hangar } from '../helpers/hangar.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// test/examples → the repository root, from the sources or from dist/.
const root = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');
const example = (name: string): string => path.join(root, 'examples', name);

function run(file: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [file], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('examples/', () => {
  let h: Hangar;
  let env: Record<string, string>;
  before(async () => {
    h = await Hangar.start();
    env = h.clientEnv();
  });
  after(async () => {
    await h.destroy();
  });

  const expectations: [string, RegExp[]][] = [
    ['huawei-sdk.mjs', [/^instance huawei-example-\d+ \([0-9a-f-]{36}\) is RUNNING; RocketMQ 5\.x clients connect to 127\.0\.0\.1:\d+$/m, /^topics: orders$/m, /^deleted$/m]],
    ['alibaba-sdk.mjs', [/^instance alibaba-example-\d+ \(rmq-cn-\w+\) is RUNNING; RocketMQ 5\.x clients connect to 127\.0\.0\.1:\d+$/m, /^topics: orders$/m, /^deleted$/m]],
    ['rocketmq5-client.mjs', [/^sent (\w+)$/m, /^received \w+: hello from 5\.x \(tag paid\)$/m]],
    ['ali-ons.mjs', [/^sent \w+: SEND_OK$/m, /^received \w+: hello from 4\.x \(tag paid\)$/m]],
  ];
  for (const [file, patterns] of expectations) {
    it(`${file} runs as written`, async () => {
      const r = await run(example(file), env);
      assert.equal(r.code, 0, r.out);
      for (const p of patterns) assert.match(r.out, p);
    });
  }

  it('the README shows every example as it is in examples/', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const file of [...expectations.map(([f]) => f), 'connection.mjs', 'huawei-instance.mjs', 'policy-no-delete.json']) {
      assert.ok(readme.includes(fs.readFileSync(example(file), 'utf8').trimEnd()), `README shows examples/${file}`);
    }
  });

  it('every instance the examples made is gone again', async () => {
    const r = await Hangar.cli(['instances', 'list', '--output', 'json'], env);
    assert.equal(r.code, 0, r.stderr);
    const left = (JSON.parse(r.stdout) as { status: string }[]).filter((i) => i.status !== 'DELETING');
    assert.deepEqual(left, []);
  });
});
