import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs one of the scripts in infra/ that fetch a real server from a registry and control it
 * (infra/kafka/kafka.sh, infra/keycloak/keycloak.sh); their stdout is what they print for the caller.
 */
export async function infraScript(relativePath: string, command: string, env: Record<string, string>, timeoutMs = 300_000): Promise<string> {
  const script = resolve(__dirname, '../../..', relativePath);
  try {
    const { stdout } = await run('bash', [script, command], { env: { ...process.env, ...env }, maxBuffer: 10 * 1024 * 1024, timeout: timeoutMs });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${relativePath} ${command} failed: ${e.stderr || e.message}`);
  }
}
