// Where Hangar is and which credential to use, for every example: the variables `hangar serve --ephemeral` prints, or
// else what `npm start` uses — http://127.0.0.1:8080 and the credential it writes to .hangar/credentials.json.
import fs from 'node:fs';

const saved = process.env.HANGAR_ACCESS_KEY ? {} : JSON.parse(fs.readFileSync('.hangar/credentials.json', 'utf8'));

export const endpoint = process.env.HANGAR_ENDPOINT ?? 'http://127.0.0.1:8080';
export const accessKey = process.env.HANGAR_ACCESS_KEY ?? saved.accessKey;
export const secretKey = process.env.HANGAR_SECRET_KEY ?? saved.secretKey;
export const projectId = process.env.HANGAR_PROJECT_ID ?? saved.projectId;

/** Creating an instance returns at once (status CREATING): poll until it is RUNNING, as on the real clouds. */
export async function pollUntil(what, read, done, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`${what}: still not there after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
