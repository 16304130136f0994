import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';

/*
 * The authenticator here is the test's own (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits), written
 * apart from the provider's, as a phone's app is: a fault in the provider's codes is not repeated in
 * the codes it is checked with. (It also keeps @ehc/testing free of @ehc/identity-provider, whose
 * specs use this library.)
 */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function fromBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of text.toUpperCase().replace(/[\s=]/g, '')) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`the provider's secret is not base32: ${JSON.stringify(char)}`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The 6-digit code for a 30-second step (RFC 6238's T). */
export function authenticatorCode(secret: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The hub's own clock: the Date header of its /health answer (the provider's codes and the cookies follow it). */
export async function hubNow(origin: string): Promise<Date> {
  return new Date((await fetch(`${origin}/health`)).headers.get('date')!);
}

/** An authenticator app set up with the secret the provider showed: each code from a step not used before, on the hub's clock. */
export interface Authenticator {
  secret: Buffer;
  code(): Promise<string>;
}

export function authenticatorFor(origin: string, secret: Buffer): Authenticator {
  let lastStep = 0;
  return {
    secret,
    async code() {
      const step = Math.max(Math.floor((await hubNow(origin)).getTime() / 30_000), lastStep + 1);
      lastStep = step;
      return authenticatorCode(secret, step);
    },
  };
}

/**
 * A first sign-in through the hub's embedded provider, from a front end's sign-in page: the account's
 * one-time password, a new password, then the authenticator set up from the secret the provider
 * shows and its first code. Ends once the code is sent: the caller waits for the page it expects.
 */
export async function firstSignIn(page: Page, account: { origin: string; username: string; oneTimePassword: string; newPassword: string }): Promise<Authenticator> {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password', { exact: true }).fill(account.oneTimePassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('New password', { exact: true }).fill(account.newPassword);
  await page.getByLabel('Type your new password again').fill(account.newPassword);
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  const authenticator = authenticatorFor(account.origin, fromBase32(await page.locator('#totp-secret').innerText()));
  await page.getByLabel('Enter the 6-digit code your app shows').fill(await authenticator.code());
  await page.keyboard.press('Enter');
  return authenticator;
}
