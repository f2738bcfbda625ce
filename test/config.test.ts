import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { flagName, loadConfig, SETTINGS, settingsMarkdown } from '../src/config.js';

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({}, []);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 8080);
    assert.equal(c.advertisedHost, '127.0.0.1');
    assert.deepEqual(c.brokerPorts, { from: 20000, to: 29999 });
    assert.ok(c.dataDir.endsWith('.hangar'));
    assert.equal(c.region, 'local');
  });

  it('advertises 127.0.0.1 when binding every address, and flags win over the environment', () => {
    const c = loadConfig({ HANGAR_HOST: '0.0.0.0', HANGAR_PORT: '9000' }, ['--port', '9100', '--broker-ports=21000-21010']);
    assert.equal(c.advertisedHost, '127.0.0.1');
    assert.equal(c.port, 9100);
    assert.deepEqual(c.brokerPorts, { from: 21000, to: 21010 });
  });

  it('refuses bad values and unknown flags', () => {
    assert.throws(() => loadConfig({ HANGAR_BROKER_PORTS: '30000-20000' }, []));
    assert.throws(() => loadConfig({ HANGAR_PORT: 'eighty' }, []));
    assert.throws(() => loadConfig({}, ['--no-such-flag', 'x']));
  });

  it('every variable has a flag and a row in the markdown table', () => {
    const md = settingsMarkdown();
    for (const s of SETTINGS) {
      assert.match(s.env, /^HANGAR_[A-Z_]+$/);
      assert.ok(md.includes(`\`${s.env}\``) && md.includes(`\`${flagName(s.env)}\``));
    }
  });

  it('the README carries exactly this table', () => {
    // Walk up from this file (test/ from the sources, dist/test/ compiled) to the repository's README.
    let dir = path.dirname(fileURLToPath(import.meta.url));
    while (!fs.existsSync(path.join(dir, 'README.md')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    assert.ok(fs.readFileSync(path.join(dir, 'README.md'), 'utf8').includes(settingsMarkdown()), 'run `hangar config --markdown` and paste it');
  });
});
