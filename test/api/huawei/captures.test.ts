import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCaptures, loadSharedCaptures, sharedCapturesDir } from './captures.js';

const shared = sharedCapturesDir();

test('the in-repo capture fixture equals the shared reference captures', { skip: shared === undefined && 'no ../shared folder' }, () => {
  assert.deepEqual(loadCaptures(), loadSharedCaptures(shared!));
});
