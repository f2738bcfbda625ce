import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fromStored, toOutgoing } from '../../../../src/broker/protocol/grpc/convert.js';
import type { StoredMessage } from '../../../../src/broker/storage/types.js';

const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);

const wire = fc.record({
  topic: fc.string({ minLength: 1, maxLength: 20 }),
  body: fc.uint8Array({ minLength: 1, maxLength: 256 }).map((a) => Buffer.from(a)),
  tag: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: undefined }),
  keys: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 }),
  props: fc.dictionary(key, fc.string({ maxLength: 20 }), { maxKeys: 4 }),
  group: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: undefined }),
  born: fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 }),
});

describe('wire conversion', () => {
  it('toOutgoing keeps everything a producer sent', () => {
    fc.assert(
      fc.property(wire, (w) => {
        const out = toOutgoing(
          {
            topic: { name: w.topic },
            body: w.body,
            user_properties: w.props,
            system_properties: {
              message_id: 'ID1',
              tag: w.tag,
              keys: w.keys,
              message_group: w.group,
              message_type: w.group ? 'FIFO' : 'NORMAL',
              born_timestamp: { seconds: Math.floor(w.born / 1000), nanos: (w.born % 1000) * 1e6 },
            },
          },
          0,
        );
        assert.equal(out.topic, w.topic);
        assert.ok(out.body.equals(w.body));
        assert.equal(out.tag, w.tag);
        assert.deepEqual(out.keys ?? [], w.keys);
        assert.deepEqual({ ...(out.userProperties ?? {}) }, { ...w.props });
        assert.equal(out.messageGroup, w.group);
        assert.equal(out.messageType, w.group ? 'FIFO' : 'NORMAL');
        assert.equal(out.bornTimestamp, w.born);
      }),
    );
  });

  it('fromStored carries a CRC-32 digest and the properties Apache RocketMQ shows consumers', () => {
    fc.assert(
      fc.property(wire, (w) => {
        const stored: StoredMessage = {
          topic: w.topic,
          queueId: 0,
          body: w.body,
          messageId: 'ID2',
          keys: w.keys,
          properties: { ...w.props, __SHARDINGKEY: 'grp', TRACE_CONTEXT: 'tc', UNIQ_KEY: 'u' },
          bornTimestamp: w.born,
          flag: 0,
          sysFlag: 0,
          reconsumeTimes: 0,
          queueOffset: 3,
          commitLogOffset: 99,
          storeTimestamp: w.born + 1,
          storeSize: 100,
        };
        if (w.tag !== undefined) stored.tag = w.tag;
        const m = fromStored(stored, 'h:1');
        assert.equal(m.system_properties!.body_digest!.checksum, String(crc32(w.body)));
        // The message group stays visible (Apache's proxy strips only MessageConst's system keys); UNIQ_KEY does not.
        assert.deepEqual(m.user_properties, { ...w.props, __SHARDINGKEY: 'grp' });
        assert.equal(m.system_properties!.message_group, 'grp');
        assert.equal(m.system_properties!.trace_context, 'tc');
        assert.equal(m.system_properties!.message_type, 'FIFO');
      }),
    );
  });
});
