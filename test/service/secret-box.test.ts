import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SecretBox } from '../../src/service/secret-box.js';

describe('SecretBox', () => {
  it('round-trips, never stores the plain secret and detects tampering', () => {
    const box = new SecretBox('master');
    const sealed = box.seal('s3cret');
    assert.ok(!sealed.includes('s3cret'));
    assert.equal(box.open(sealed), 's3cret');
    assert.throws(() => new SecretBox('other').open(sealed));
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x').toString('base64');
    assert.throws(() => box.open(parts.join('.')));
  });

  it('creates a key file with mode 0600 once and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-box-'));
    try {
      const sealed = SecretBox.open(dir).seal('abc');
      const file = path.join(dir, 'master.key');
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.equal(SecretBox.open(dir).open(sealed), 'abc');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
