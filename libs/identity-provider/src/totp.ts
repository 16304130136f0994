import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA-1, 30-second steps from
 * the Unix epoch, 6 digits, as every authenticator app reads an `otpauth://totp/` URI.
 */
export interface TotpOptions {
  /** Seconds per step (RFC 6238's X); 30. */
  stepSeconds?: number;
  digits?: number;
  algorithm?: 'sha1' | 'sha256' | 'sha512';
}

const DEFAULTS = { stepSeconds: 30, digits: 6, algorithm: 'sha1' } as const;

/** The step number T = floor(unix seconds / step) at an instant. */
export const totpStep = (at: Date, stepSeconds: number = DEFAULTS.stepSeconds): number => Math.floor(at.getTime() / 1000 / stepSeconds);

/** HOTP (RFC 4226 §5.3): the dynamically truncated HMAC of the 8-byte big-endian counter. */
export function hotp(secret: Buffer, counter: number, options: Pick<TotpOptions, 'digits' | 'algorithm'> = {}): string {
  const digits = options.digits ?? DEFAULTS.digits;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(options.algorithm ?? DEFAULTS.algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code an authenticator shows at `at`. */
export const totp = (secret: Buffer, at: Date, options: TotpOptions = {}): string =>
  hotp(secret, totpStep(at, options.stepSeconds), options);

/**
 * The step a code was made for, if it matches the step at `at` or one either side (±30 s of clock
 * drift between phone and server), compared in constant time; null otherwise. The caller refuses a
 * step it has already accepted (a code is good once).
 */
export function verifyTotp(secret: Buffer, code: string, at: Date, options: TotpOptions & { window?: number } = {}): number | null {
  const digits = options.digits ?? DEFAULTS.digits;
  const given = code.replace(/\s+/g, '');
  if (!new RegExp(`^[0-9]{${digits}}$`).test(given)) return null;
  const now = totpStep(at, options.stepSeconds);
  const window = options.window ?? 1;
  let matched: number | null = null;
  for (let step = now - window; step <= now + window; step++) {
    const expected = hotp(secret, step, options);
    // every candidate is compared, whether or not an earlier one matched
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(given)) && matched === null) matched = step;
  }
  return matched;
}

/** A new shared secret: 20 random bytes (160 bits, RFC 4226's recommended length for SHA-1). */
export const newTotpSecret = (): Buffer => randomBytes(20);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps take secrets. */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`Not base32: ${JSON.stringify(char)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The `otpauth://` URI an authenticator app reads (Key Uri Format): issuer and account label. */
export function otpauthUri(secret: Buffer, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({ secret: base32Encode(secret), issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${query.toString()}`;
}
