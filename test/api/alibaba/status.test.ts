import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { alibabaInstanceStatus, alibabaTime, neutralStatuses } from '../../../src/api/alibaba/status.js';
import { INSTANCE_STATUSES } from '../../../src/domain/status.js';

test('neutral status words map to Alibaba ones as the issue lists them', () => {
  assert.deepEqual(
    Object.fromEntries(INSTANCE_STATUSES.map((s) => [s, alibabaInstanceStatus(s)])),
    {
      creating: 'CREATING',
      running: 'RUNNING',
      restarting: 'CHANGING',
      changing: 'CHANGING',
      error: 'STOPPED',
      'create-failed': 'STOPPED',
      deleting: 'RELEASED',
    },
  );
  assert.deepEqual(neutralStatuses('CHANGING'), ['restarting', 'changing']);
});

test('times are YYYY-MM-DD HH:mm:ss in UTC', () => {
  assert.equal(alibabaTime(Date.UTC(2022, 7, 1, 3, 4, 5)), '2022-08-01 03:04:05');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
      const s = alibabaTime(ms);
      assert.match(s, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      assert.equal(Date.parse(s.replace(' ', 'T') + 'Z'), Math.floor(ms / 1000) * 1000);
    }),
  );
});
