import type { Page } from 'playwright-core';

/** The hub's own now, from its Date header: browser journeys count their dates from it. */
export async function hubNow(origin: string): Promise<Date> {
  return new Date((await fetch(`${origin}/health`)).headers.get('date')!);
}

/** A user's authenticator app: the next code, never one already used (a code is good once per 30 seconds). */
export interface Authenticator { code(): Promise<string> }

/**
 * The authenticator app's algorithm: the code for the secret the provider showed (base32) at an
 * instant. The caller passes the provider's own (`(s, at) => totp(base32Decode(s), at)` from
 * @ehc/identity-provider): that library's specs use this one, so it cannot be imported here.
 */
export type CodeAt = (secret: string, at: Date) => string;

/**
 * A new account's first sign-in through the embedded provider, from the workspace's sign-in page:
 * the one-time password, a new password, then the authenticator set up from the secret the page
 * shows. Ends on the page the sign-in returns to; gives the authenticator for later sign-ins.
 */
export async function firstSignIn(
  page: Page, origin: string, account: { username: string; oneTimePassword: string; newPassword: string }, codeAt: CodeAt,
): Promise<Authenticator> {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password', { exact: true }).fill(account.oneTimePassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('New password', { exact: true }).fill(account.newPassword);
  await page.getByLabel('Type your new password again').fill(account.newPassword);
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  const secret = (await page.locator('#totp-secret').innerText()).replace(/\s+/g, '');
  let lastStep = 0;
  const authenticator: Authenticator = {
    code: async () => {
      const step = Math.max(Math.floor((await hubNow(origin)).getTime() / 30_000), lastStep + 1);
      lastStep = step;
      return codeAt(secret, new Date(step * 30_000));
    },
  };
  await page.getByLabel('Enter the 6-digit code your app shows').fill(await authenticator.code());
  await page.keyboard.press('Enter');
  return authenticator;
}
