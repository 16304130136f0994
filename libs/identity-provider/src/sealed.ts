import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets the provider must read back (TOTP shared secrets) are sealed with AES-256-GCM under a key
 * derived from IDENTITY_PROVIDER_SECRET when it is set (`v1:<iv>:<tag>:<ciphertext>`), so a copy of
 * the database alone does not give them away. Without it they are stored as `plain:<base64url>`
 * (embedded mode on one machine); setting the variable later seals each secret as it is next written.
 */
export class Sealer {
  private readonly key: Buffer | null;

  constructor(secret: string | undefined) {
    this.key = secret ? createHash('sha256').update(`ehc-identity-provider:${secret}`).digest() : null;
  }

  get sealing(): boolean {
    return this.key !== null;
  }

  seal(plain: Buffer): string {
    if (!this.key) return `plain:${plain.toString('base64url')}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
  }

  open(sealed: string): Buffer {
    const [version, ...parts] = sealed.split(':');
    if (version === 'plain') return Buffer.from(parts[0], 'base64url');
    if (version !== 'v1') throw new Error('Unknown sealed secret format');
    if (!this.key) throw new Error('This secret was sealed with IDENTITY_PROVIDER_SECRET, which is not set');
    const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  }
}
