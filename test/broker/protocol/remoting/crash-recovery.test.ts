// Every 4.x send the broker acknowledged is there after the broker process is SIGKILLed and restarted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestCode, ResponseCode } from '../../../../src/broker/protocol/remoting/codes.js';
import { decodeMessageExts } from '../../../../src/broker/protocol/remoting/stored-message.js';
import { closeOnsDefaultProducer, ons, quietLogger } from './harness.js';
import { RawClient } from './raw-client.js';

const childScript = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './remoting-child.ts' : './remoting-child.js', import.meta.url));

const startChild = (dir: string): Promise<{ child: ChildProcess; namesrv: string; broker: string }> =>
  new Promise((resolve, reject) => {
    const args = import.meta.url.endsWith('.ts') ? ['--import', 'tsx', childScript, dir] : [childScript, dir];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, ...(JSON.parse(out.slice(0, nl)) as { namesrv: string; broker: string }) });
    });
    child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });

test('SIGKILL after acknowledged ali-ons sends: all messages are pulled after restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hangar-remoting-kill-'));
  let run = await startChild(dir);
  const acked: string[] = [];
  try {
    const producer = new ons.Producer({
      httpclient: {}, accessKeyId: 'AK', accessKeySecret: 'SK', nameSrv: run.namesrv, logger: quietLogger, producerGroup: 'PG_KILL',
      instanceName: `kill-${process.pid}`, pollNameServerInteval: 1000, heartbeatBrokerInterval: 1000, persistConsumerOffsetInterval: 500,
      rebalanceInterval: 1000,
    });
    await producer.ready();
    for (let i = 0; i < 200; i++) {
      const r = await producer.send(new ons.Message('T_KILL', 'k', `m-${i}-${'y'.repeat(i % 97)}`));
      if (r.sendStatus === 'SEND_OK') acked.push(`m-${i}-${'y'.repeat(i % 97)}`);
    }
    // ali-ons cannot close cleanly once its broker is gone (its timers keep running): close it first.
    await producer.close();
    await closeOnsDefaultProducer();
    run.child.kill('SIGKILL');
    await new Promise((r) => run.child.once('exit', r));
    assert.equal(acked.length, 200);

    run = await startChild(dir);
    const c = await RawClient.connect(run.broker);
    const got: string[] = [];
    for (let q = 0; q < 4; q++) {
      let offset = 0;
      for (;;) {
        const r = await c.request(RequestCode.PULL_MESSAGE, {
          consumerGroup: 'CG_KILL', topic: 'T_KILL', queueId: String(q), queueOffset: String(offset), maxMsgNums: '32', sysFlag: '0',
          commitOffset: '0', suspendTimeoutMillis: '0', subVersion: '0',
        });
        if (r.code !== ResponseCode.SUCCESS) break;
        got.push(...decodeMessageExts(r.body!).map((m) => m.body.toString()));
        offset = Number(r.extFields.nextBeginOffset);
      }
    }
    c.close();
    assert.deepEqual(got.sort(), [...acked].sort());
  } finally {
    run.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});
