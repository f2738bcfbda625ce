// hangar credentials create|list|delete|policy — local: works on the data directory (no server needed). A folder that
// holds no data directory is refused unless --init, so that a command run in the wrong folder does not make a new one.
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { parseDatabaseUrl } from '../../store/database-url.js';
import type { CredentialService } from '../../service/credentials.js';
import { isDataDir } from '../data-dir.js';
import { usageError } from '../errors.js';

interface LocalOptions {
  dataDir?: string;
  init?: boolean;
  json?: boolean;
}

async function withCredentials(o: LocalOptions, fn: (svc: CredentialService) => Promise<void>): Promise<void> {
  const config = loadConfig(o.dataDir ? { ...process.env, HANGAR_DATA_DIR: o.dataDir } : process.env, []);
  // On PostgreSQL the credentials live in the database the URL names, not in a folder.
  const onPostgres = parseDatabaseUrl(config.databaseUrl, config.dataDir).kind === 'postgres';
  if (!o.init && !onPostgres && !isDataDir(config.dataDir)) {
    throw usageError(`${config.dataDir} holds no Hangar data directory`, 'run it where `hangar serve` keeps its data (--data-dir D or HANGAR_DATA_DIR), or pass --init to create one');
  }
  const { openCore } = await import('../../core.js');
  const { db, credentials } = await openCore(config);
  try {
    await fn(credentials);
  } finally {
    await db.destroy();
  }
}

/** Reads and validates a RAM-style policy document; the stored form is the normalised JSON. */
async function readPolicy(file: string): Promise<string> {
  const { parsePolicyDocument } = await import('../../domain/policy.js');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw usageError(`cannot read the policy file ${file}`, 'pass a JSON policy document, e.g. {"Statement":[{"Effect":"Allow","Action":["rocketmq:*"],"Resource":["*"]}]}');
  }
  return JSON.stringify(parsePolicyDocument(text));
}

const local = (cmd: Command): Command =>
  cmd.option('--data-dir <dir>', 'the data directory (or HANGAR_DATA_DIR; default ./.hangar)').option('--init', 'create the data directory if there is none');

export function registerCredentials(program: Command): void {
  const credentials = program.command('credentials').description('manage API credentials in the data directory (local, no server needed)');

  local(credentials.command('create').description('create a credential; prints its access key and secret'))
    .requiredOption('--project <project>', 'the project (tenant) it belongs to')
    .option('--policy <file>', 'a RAM-style policy document (JSON) limiting what it may do')
    .option('--json', 'print JSON')
    .action(async (o: LocalOptions & { project: string; policy?: string }) => {
      const policyJson = o.policy ? await readPolicy(o.policy) : null;
      await withCredentials(o, async (svc) => {
        const c = await svc.create(o.project, { policyJson, description: 'cli' });
        process.stdout.write(o.json ? JSON.stringify(c) + '\n' : `access key: ${c.accessKey}\nsecret key: ${c.secretKey}\nproject:    ${c.projectId}\n`);
      });
    });

  local(credentials.command('list').description('every credential: access key, project, policy'))
    .option('--json', 'print JSON')
    .action(async (o: LocalOptions) => {
      await withCredentials(o, async (svc) => {
        const list = await svc.list();
        if (o.json) process.stdout.write(JSON.stringify(list) + '\n');
        else for (const c of list) process.stdout.write(`${c.accessKey}\t${c.tenantId}\t${c.policy ? 'policy' : 'full access'}\n`);
      });
    });

  local(credentials.command('delete').description('delete a credential').argument('<accessKey>', 'its access key')).action(async (ak: string, o: LocalOptions) => {
    await withCredentials(o, (svc) => svc.remove(ak));
  });

  local(credentials.command('policy').description("set or clear a credential's policy").argument('<accessKey>', 'its access key'))
    .option('--file <file>', 'the policy document (JSON)')
    .option('--clear', 'remove the policy (full access to its project)')
    .action(async (ak: string, o: LocalOptions & { file?: string; clear?: boolean }) => {
      if (!o.file === !o.clear) throw usageError('credentials policy needs --file FILE or --clear', 'e.g. hangar credentials policy AK --file policy.json');
      const policy = o.file ? await readPolicy(o.file) : null;
      await withCredentials(o, (svc) => svc.setPolicy(ak, policy));
    });
}
