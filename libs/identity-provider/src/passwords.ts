import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are kept only as scrypt hashes (RFC 7914), with a random 16-byte salt each:
 * N = 2^15, r = 8, p = 1 (32 MiB and about 50–100 ms per hash on a laptop core; OWASP's minimum is
 * N = 2^17 with r = 8, p = 1 for new systems, which is slower again), 32-byte key. The cost is
 * written into each hash, `scrypt$N$r$p$salt$key` (base64url), so it can rise later without
 * breaking the hashes already stored.
 */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

const scryptAsync = (password: string, salt: Buffer, keyLength: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));

const memoryFor = (N: number, r: number, p: number) => 128 * N * r * p + 16 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength } = SCRYPT_COST;
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: memoryFor(N, r, p) });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A hash of nothing anyone knows: checked when no account has the name, so the answer takes as long. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(32).toString('base64url')));

/** Whether the password makes the stored hash; the keys are compared in constant time. */
export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, { N, r: R, p: P, maxmem: memoryFor(N, R, P) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Why a new password is refused, if it is: at least 12 characters, and not the username. */
export function newPasswordProblem(password: string, username: string): string | null {
  if ([...password].length < 12) return 'Your new password must be 12 characters or more';
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'Your new password must not be your username';
  return null;
}

/**
 * A one-time password to hand over once: 4 groups of 5 from an alphabet without look-alikes
 * (no 0/O, 1/l/I), about 114 bits.
 */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
  const group = () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
