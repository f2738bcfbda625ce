// The real `hangar` binary without a server: help, version, exit codes (0 success, 1 failure, 2 usage error with a
// hint), serve's flags from the settings table, completion scripts, local commands that refuse the wrong folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { flagName, SETTINGS } from '../../src/config.js';
import { VERSION } from '../../src/version.js';
import { freePort, Hangar } from '../helpers/hangar.js';

// No credential or endpoint from the test runner's environment.
const CLEAN = { HANGAR_ACCESS_KEY: '', HANGAR_SECRET_KEY: '', HANGAR_ENDPOINT: '', HANGAR_DATA_DIR: '' };
const hangar = (args: string[], env: Record<string, string> = {}) => Hangar.cli(args, { ...CLEAN, ...env });

describe('hangar usage', () => {
  it('--help and --version succeed; every command has --help', async () => {
    const help = await hangar(['--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /Usage: hangar/);
    for (const c of ['serve', 'instances', 'topics', 'groups', 'status', 'credentials', 'reset', 'ca', 'completion']) assert.match(help.stdout, new RegExp(`\\n  ${c}\\b`));
    const version = await hangar(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), VERSION);
    assert.match(VERSION, /^\d+\.\d+\.\d+/);
    for (const cmd of [['instances', 'create'], ['topics', 'list'], ['groups', 'delete'], ['credentials', 'policy'], ['status'], ['reset']]) {
      const r = await hangar([...cmd, '--help']);
      assert.equal(r.code, 0, `${cmd.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`Usage: hangar ${cmd.join(' ')}`));
    }
  });

  it('serve --help lists every setting of the settings table as a flag, and --ephemeral', async () => {
    const r = await hangar(['serve', '--help']);
    assert.equal(r.code, 0, r.stderr);
    for (const s of SETTINGS) assert.ok(r.stdout.includes(`${flagName(s.env)} <value>`), `serve --help lists ${flagName(s.env)}`);
    assert.match(r.stdout, /--ephemeral/);
  });

  it('usage errors exit 2 with a hint: no command, a group without its subcommand, unknown commands and options, a missing option', async () => {
    for (const args of [[], ['instances'], ['instance', 'list'], ['instances', 'lst'], ['serve', '--bogus'], ['instances', 'create'], ['topics', 'list'], ['completion', 'fish'], ['instances', 'create', '--name', 'x', '--storage', 'lots']]) {
      const r = await hangar(args);
      assert.equal(r.code, 2, `hangar ${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.ok(/--help|hint:/.test(r.stderr), `hangar ${args.join(' ')} gives a hint: ${r.stderr}`);
    }
    const missing = await hangar(['topics', 'list']);
    assert.match(missing.stderr, /--instance/);
  });

  it('a server that cannot be reached is a failure (1) with a hint; no credential is a usage error (2)', async () => {
    const port = await freePort();
    const unreachable = await hangar(['instances', 'list', '--endpoint', `http://127.0.0.1:${port}`], { HANGAR_ACCESS_KEY: 'AK', HANGAR_SECRET_KEY: 'SK' });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /cannot reach Hangar at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(unreachable.stderr, /hint: .*--endpoint/);
    const nowhere = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-cli-'));
    const noCredential = await hangar(['instances', 'list', '--credentials', path.join(nowhere, 'none.json')]);
    assert.equal(noCredential.code, 2);
    assert.match(noCredential.stderr, /HANGAR_ACCESS_KEY/);
    fs.rmSync(nowhere, { recursive: true, force: true });
  });

  it('completion bash|zsh prints a script naming the commands and their options', async () => {
    const bash = await hangar(['completion', 'bash']);
    assert.equal(bash.code, 0, bash.stderr);
    assert.match(bash.stdout, /complete -F _hangar hangar/);
    assert.match(bash.stdout, /"instances create"\) words="[^"]*--engine-version/);
    assert.match(bash.stdout, /""\) words="serve instances topics groups status credentials reset ca completion/);
    // Sourced in bash, it completes commands and options at each level.
    const complete = (words: string[]): string => {
      const script = `eval "$(cat)"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _hangar; echo "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', script], { input: bash.stdout }).toString().trim();
    };
    assert.equal(complete(['hangar', 'inst']), 'instances');
    assert.equal(complete(['hangar', 'instances', 'cr']), 'create');
    assert.equal(complete(['hangar', 'instances', 'create', '--engine']), '--engine-version');
    assert.equal(complete(['hangar', 'topics', 'create', '--instance', 'orders', '--ty']), '--type');
    const zsh = await hangar(['completion', 'zsh']);
    assert.equal(zsh.code, 0);
    assert.match(zsh.stdout, /^#compdef hangar/);
  });

  it('credentials refuse a folder that holds no data directory (nothing is created) unless --init', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-cli-'));
    const dir = path.join(parent, 'not-here');
    try {
      const refused = await hangar(['credentials', 'list', '--data-dir', dir]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /holds no Hangar data directory/);
      assert.match(refused.stderr, /--init/);
      assert.equal(fs.existsSync(dir), false, 'no data directory was made');
      const made = await hangar(['credentials', 'create', '--project', 'p1', '--json', '--data-dir', dir, '--init']);
      assert.equal(made.code, 0, made.stderr);
      const listed = await hangar(['credentials', 'list', '--json', '--data-dir', dir]);
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual((JSON.parse(listed.stdout) as { tenantId: string }[]).map((c) => c.tenantId), ['p1']);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('reset removes a stopped data directory after confirmation, and refuses anything else', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-cli-'));
    const dir = path.join(parent, 'data');
    const other = path.join(parent, 'photos');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'cat.jpg'), 'meow');
    try {
      assert.equal((await hangar(['credentials', 'create', '--project', 'p1', '--data-dir', dir, '--init'])).code, 0);
      const unconfirmed = await hangar(['reset', '--data-dir', dir]);
      assert.equal(unconfirmed.code, 2, 'without a terminal, --yes is needed');
      assert.match(unconfirmed.stderr, /--yes/);
      assert.ok(fs.existsSync(path.join(dir, 'hangar.db')));
      const notOurs = await hangar(['reset', '--yes', '--data-dir', other]);
      assert.equal(notOurs.code, 1);
      assert.match(notOurs.stderr, /not a Hangar data directory/);
      assert.ok(fs.existsSync(path.join(other, 'cat.jpg')), 'a folder that is not a data directory is left alone');
      const done = await hangar(['reset', '--yes', '--data-dir', dir]);
      assert.equal(done.code, 0, done.stderr);
      assert.equal(fs.existsSync(dir), false);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('reset refuses the data directory of a running server', async () => {
    // About the SQLite data directory itself (its hangar.db), so never on the PostgreSQL pass.
    const h = await Hangar.start({ database: 'sqlite' });
    try {
      const r = await hangar(['reset', '--yes', '--data-dir', h.dataDir]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /in use by process/);
      assert.ok(fs.existsSync(path.join(h.dataDir, 'hangar.db')));
    } finally {
      await h.destroy();
    }
  });
});
