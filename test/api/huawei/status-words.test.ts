import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INSTANCE_STATUSES, TASK_STATUSES } from '../../../src/domain/status.js';
import {
  HUAWEI_STATUS_WORDS,
  huaweiStatusWord,
  huaweiTaskStatusWord,
  isHuaweiStatusWord,
  neutralStatusOf,
} from '../../../src/api/huawei/status-words.js';

test('every neutral status has a Huawei word that maps back to it', () => {
  for (const s of INSTANCE_STATUSES) {
    const w = huaweiStatusWord(s);
    assert.ok(isHuaweiStatusWord(w), w);
    assert.equal(neutralStatusOf(w), s);
  }
  assert.deepEqual(INSTANCE_STATUSES.map(huaweiStatusWord), ['CREATING', 'RUNNING', 'RESTARTING', 'EXTENDING', 'ERROR', 'CREATEFAILED', 'DELETING']);
});

test('other SDK words map to the neutral status they resemble, frozen ones to none', () => {
  assert.equal(neutralStatusOf('CONFIGURING'), 'changing');
  assert.equal(neutralStatusOf('EXTENDEDFAILED'), 'error');
  assert.equal(neutralStatusOf('FROZEN'), undefined);
  assert.equal(neutralStatusOf('running'), undefined);
  assert.equal(isHuaweiStatusWord('FROZEN'), true);
  assert.equal(isHuaweiStatusWord('BOGUS'), false);
  assert.equal(new Set(HUAWEI_STATUS_WORDS).size, HUAWEI_STATUS_WORDS.length);
});

test('task statuses', () => {
  assert.deepEqual(TASK_STATUSES.map(huaweiTaskStatusWord), ['EXECUTING', 'SUCCESS', 'FAILED']);
});
