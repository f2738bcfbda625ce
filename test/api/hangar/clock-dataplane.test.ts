// End-to-end with HANGAR_TEST_CLOCK=1: advancing the clock through POST /hangar/v1/clock makes a one-hour DELAY message
// deliverable and a transaction check-back happen at once, without sleeping for them — through the real server, a
// broker process and the official RocketMQ 5.x client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MessageView } from 'rocketmq-client-nodejs';
import { eventually, Hangar } from '../../helpers/hangar.js';
import { huaweiClient, seedBody, signedFetch } from '../../helpers/huawei-sdk.js';
import { newProducer, newSimpleConsumer } from '../../helpers/rocketmq-client.js';

const HOUR = 3_600_000;
/** TransactionResolution.COMMIT of definition.proto (the client does not re-export the enum). */
const COMMIT = 1;

describe('the test clock moves delays and check-backs of a running broker', () => {
  let h: Hangar;
  let endpoint: string;

  const clockNow = async (): Promise<number> => ((await (await fetch(`${h.url}/hangar/v1/clock`)).json()) as { now: number }).now;
  const advance = async (ms: number): Promise<void> => {
    const r = await signedFetch(h.url, 'POST', '/hangar/v1/clock', JSON.stringify({ advanceMs: ms }));
    assert.equal(r.status, 200, await r.text());
  };

  before(async () => {
    // An hour before the first check-back: only the clock can bring it about within the test. A jump that long also
    // makes every client look silent (client expiry runs on the same clock) until its next heartbeat, so a check-back
    // that found no live producer is tried again a second later rather than a minute.
    h = await Hangar.start({ env: { HANGAR_TEST_CLOCK: '1', HANGAR_TXN_CHECK_DELAY_MS: String(HOUR), HANGAR_TXN_CHECK_INTERVAL_MS: '1000' } });
    const client = huaweiClient(h.url);
    const body = { ...seedBody('clock-data'), engine: 'rocketmq', engine_version: '5.x', product_id: 'rocketmq.b2.large.4', storage_space: 200, broker_num: 1 };
    const { instance_id } = await client.createPostPaidInstance({ body });
    const shown = await eventually(async () => {
      const s = await client.showInstance({ instance_id });
      return s.status === 'RUNNING' ? s : undefined;
    }, 30_000);
    endpoint = shown.grpc_address;
    for (const [name, type] of [
      ['later', 'DELAY'],
      ['txn', 'TRANSACTION'],
    ]) {
      await client.createTopicOrBatchDeleteTopic({ instance_id, body: { name, queue_num: 1, message_type: type } });
    }
    for (const name of ['g-later', 'g-txn']) {
      await client.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id, body: { name, retry_max_time: 3 } });
    }
  });
  after(async () => h?.destroy());

  it('a message delayed by an hour is delivered once the clock moves an hour, without waiting', async () => {
    const p = newProducer(endpoint, ['later']);
    await p.startup();
    const due = (await clockNow()) + HOUR;
    const sent = await p.send({ topic: 'later', body: Buffer.from('in an hour'), deliveryTimestamp: new Date(due) });
    await p.shutdown();
    const c = newSimpleConsumer(endpoint, 'g-later', { later: '*' }, 500);
    await c.startup();
    try {
      assert.deepEqual(await c.receive(4, 30_000), [], 'not due yet');
      await advance(HOUR);
      const started = Date.now();
      let got: MessageView[] = [];
      for (let i = 0; i < 20 && got.length === 0; i++) got = await c.receive(4, 30_000);
      assert.equal(got.length, 1);
      assert.equal(got[0]!.messageId, sent.messageId);
      assert.ok(Date.now() - started < 15_000, 'delivered promptly after the advance');
      await c.ack(got[0]!);
    } finally {
      await c.shutdown();
    }
  });

  it('an unresolved transaction is checked back once the clock moves past the check delay', async () => {
    const checked: string[] = [];
    const p = newProducer(endpoint, ['txn'], {
      checker: {
        async check(m: MessageView) {
          checked.push(m.body.toString());
          return COMMIT;
        },
      },
    });
    await p.startup();
    const c = newSimpleConsumer(endpoint, 'g-txn', { txn: '*' }, 500);
    await c.startup();
    try {
      const tx = p.beginTransaction();
      await p.send({ topic: 'txn', body: Buffer.from('left open') }, tx);
      assert.deepEqual(await c.receive(4, 30_000), [], 'a half message is not delivered');
      assert.deepEqual(checked, [], 'no check-back before the delay');
      await advance(HOUR + 1_000);
      const advancedAt = Date.now();
      await eventually(() => checked.length > 0, 30_000);
      assert.ok(Date.now() - advancedAt < 30_000);
      assert.deepEqual(checked, ['left open']);
      let got: MessageView[] = [];
      for (let i = 0; i < 20 && got.length === 0; i++) got = await c.receive(4, 30_000);
      assert.deepEqual(
        got.map((m) => m.body.toString()),
        ['left open'],
        'committed by the check-back',
      );
      await c.ack(got[0]!);
    } finally {
      await c.shutdown();
      await p.shutdown();
    }
  });
});
