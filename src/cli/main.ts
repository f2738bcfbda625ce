#!/usr/bin/env node
// The `hangar` command: `serve` runs the control plane; `credentials` manages API credentials.
import fs from 'node:fs';
import { loadConfig, settingsMarkdown } from '../config.js';
import { printCaCertificate } from './ca.js';

const USAGE = `usage:
  hangar serve [--host H] [--port P] [--data-dir D] [...]     run Hangar (every HANGAR_* variable has a flag)
  hangar credentials create --project P [--policy FILE] [--json]
  hangar credentials list [--json]
  hangar credentials delete ACCESS_KEY
  hangar credentials policy ACCESS_KEY (--file FILE | --clear)
  hangar ca [--data-dir D]                                      the CA certificate (PEM) TLS clients trust
  hangar config --markdown                                      the settings table
Global: --data-dir D (or HANGAR_DATA_DIR) selects the data directory for credentials commands too.`;

function takeFlag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  args.splice(i, 2);
  return v;
}

function takeSwitch(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

async function serve(args: string[]): Promise<void> {
  const { startApp } = await import('../app.js');
  const app = await startApp(loadConfig(process.env, args));
  if (app.credentialsFile) process.stdout.write(`Credentials: ${app.credentialsFile}\n`);
  let closing = false;
  const shutdown = (sig: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ sig }, 'stopping');
    app.close().then(
      () => process.exit(0),
      (e: unknown) => {
        app.log.error({ err: e }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function credentials(args: string[]): Promise<void> {
  const sub = args.shift();
  const json = takeSwitch(args, '--json');
  const dataDir = takeFlag(args, '--data-dir');
  const config = loadConfig(dataDir ? { ...process.env, HANGAR_DATA_DIR: dataDir } : process.env, []);
  const { openCore } = await import('../core.js');
  const { db, credentials: svc } = await openCore(config);
  try {
    if (sub === 'create') {
      const project = takeFlag(args, '--project');
      if (!project) throw new Error('credentials create needs --project P');
      const policyFile = takeFlag(args, '--policy');
      const policyJson = policyFile ? await readPolicy(policyFile) : null;
      const c = await svc.create(project, { policyJson, description: 'cli' });
      process.stdout.write(json ? JSON.stringify(c) + '\n' : `access key: ${c.accessKey}\nsecret key: ${c.secretKey}\nproject:    ${c.projectId}\n`);
    } else if (sub === 'list') {
      const list = await svc.list();
      if (json) process.stdout.write(JSON.stringify(list) + '\n');
      else for (const c of list) process.stdout.write(`${c.accessKey}\t${c.tenantId}\t${c.policy ? 'policy' : 'full access'}\n`);
    } else if (sub === 'delete') {
      const ak = args.shift();
      if (!ak) throw new Error('credentials delete needs an access key');
      await svc.remove(ak);
    } else if (sub === 'policy') {
      const ak = args.shift();
      if (!ak) throw new Error('credentials policy needs an access key');
      const file = takeFlag(args, '--file');
      const clear = takeSwitch(args, '--clear');
      if (!file && !clear) throw new Error('credentials policy needs --file FILE or --clear');
      await svc.setPolicy(ak, file ? await readPolicy(file) : null);
    } else {
      throw new Error(USAGE);
    }
  } finally {
    await db.destroy();
  }
}

/** Reads and validates a RAM-style policy document; the stored form is the normalised JSON. */
async function readPolicy(file: string): Promise<string> {
  const { parsePolicyDocument } = await import('../domain/policy.js');
  return JSON.stringify(parsePolicyDocument(fs.readFileSync(file, 'utf8')));
}

async function main(): Promise<void> {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'serve') return serve(args);
  if (cmd === 'credentials') return credentials(args);
  if (cmd === 'ca') return printCaCertificate(args);
  if (cmd === 'config' && args[0] === '--markdown') {
    process.stdout.write(settingsMarkdown() + '\n');
    return;
  }
  process.stdout.write(USAGE + '\n');
  process.exit(cmd ? 2 : 0);
}

main().catch((e: unknown) => {
  process.stderr.write(`hangar: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
