import { ConfigError } from '@ehc/config';
import { EmbeddedPostgresInUseError, errorText } from '@ehc/tooling';

/** A setting is malformed or missing (sysexits EX_CONFIG): fix the environment. */
export const EXIT_CONFIG = 78;
/**
 * A port or the data folder the hub needs is held by another running process (sysexits
 * EX_UNAVAILABLE): starting again will not help until that process stops or the setting changes,
 * so a process manager should not restart on it (systemd: RestartPreventExitStatus=69).
 */
export const EXIT_IN_USE = 69;
/** Anything else that stopped the start. */
export const EXIT_START_FAILED = 1;

/** The one log line and the exit code for an error that stopped a host from starting. */
export function startFailure(error: unknown, portSetting = 'PORT'): { message: string; exitCode: number } {
  if (error instanceof ConfigError) return { message: `configuration error: ${error.message}`, exitCode: EXIT_CONFIG };
  if (error instanceof EmbeddedPostgresInUseError) return { message: `cannot start: ${error.message}`, exitCode: EXIT_IN_USE };
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (code === 'EADDRINUSE') {
    const port = (error as { port?: unknown }).port;
    return { message: `cannot start: ${portSetting} ${port ?? ''} is taken by another process: set ${portSetting} to a free port, or stop what holds it`, exitCode: EXIT_IN_USE };
  }
  return { message: `failed to start: ${errorText(error)}`, exitCode: EXIT_START_FAILED };
}
