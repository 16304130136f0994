import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Clock } from '@ehc/domain-kernel';
import type { Role } from '@ehc/identity';
import { decoyHash, hashPassword, newPasswordProblem, oneTimePassword, passwordMatches } from './passwords';
import { checkRoles } from './roles';
import { quoteSchema } from './schema';
import type { Sealer } from './sealed';
import { base32Encode, newTotpSecret, otpauthUri, verifyTotp } from './totp';

/** Five wrong answers in a row (password or code) lock an account for 15 minutes. */
export const LOCKOUT = { failures: 5, minutes: 15 } as const;

export interface Account {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  passwordMustChange: boolean;
  totpEnrolled: boolean;
  lockedUntil: Date | null;
}

export type SignInOutcome = { ok: true; account: Account } | { ok: false; reason: 'wrong' | 'locked' };

export class AccountRefused extends Error {}

interface Row {
  id: string; username: string; name: string; roles: string[]; password_hash: string; password_must_change: boolean;
  totp_secret: string | null; totp_confirmed: boolean; totp_last_step: string | null; failed_attempts: number; locked_until: Date | null;
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

/** Local accounts of people, in PostgreSQL: hashed passwords, TOTP, lockout. */
export class Accounts {
  private readonly table: string;

  constructor(private readonly pool: Pool, schema: string, private readonly sealer: Sealer, private readonly clock: Clock, private readonly issuerName: string) {
    this.table = `${quoteSchema(schema)}.accounts`;
  }

  /** A new account with a one-time password (returned once, to hand over; changed at first sign-in). */
  async create(input: { username: string; name: string; roles: readonly string[] }, db: Pool | PoolClient = this.pool): Promise<{ account: Account; oneTimePassword: string }> {
    const username = normaliseUsername(input.username);
    if (!USERNAME.test(username)) throw new AccountRefused('A username is 2 to 64 characters: letters, digits, and . _ @ - (not first)');
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200) throw new AccountRefused('Give the person\'s name (up to 200 characters)');
    const roles = checkRoles(input.roles, 'person');
    const password = oneTimePassword();
    const now = this.clock();
    const { rows } = await db.query<Row>(
      `INSERT INTO ${this.table} (id, username, name, roles, password_hash, password_must_change, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, true, $6, $6) ON CONFLICT (username) DO NOTHING RETURNING *`,
      [randomUUID(), username, name, roles, await hashPassword(password), now]);
    if (rows.length === 0) throw new AccountRefused(`There is already an account named ${username}`);
    return { account: view(rows[0]), oneTimePassword: password };
  }

  async count(db: Pool | PoolClient = this.pool): Promise<number> {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${this.table}`);
    return rows[0].n;
  }

  async find(username: string): Promise<Account | null> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM ${this.table} WHERE username = $1`, [normaliseUsername(username)]);
    return rows[0] ? view(rows[0]) : null;
  }

  async findById(id: string): Promise<Account | null> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
    return rows[0] ? view(rows[0]) : null;
  }

  async list(): Promise<Account[]> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM ${this.table} ORDER BY username`);
    return rows.map(view);
  }

  /**
   * Username and password. The answer never says which was wrong; an unknown username costs the
   * same hash as a known one. A locked account is refused without looking at the password.
   */
  async signIn(username: string, password: string): Promise<SignInOutcome> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM ${this.table} WHERE username = $1`, [normaliseUsername(username)]);
    const row = rows[0];
    if (!row) {
      await passwordMatches(password, await decoyHash());
      return { ok: false, reason: 'wrong' };
    }
    if (this.isLocked(row)) {
      await passwordMatches(password, await decoyHash());
      return { ok: false, reason: 'locked' };
    }
    if (!(await passwordMatches(password, row.password_hash))) return this.failed(row.id);
    await this.pool.query(`UPDATE ${this.table} SET failed_attempts = 0, locked_until = NULL WHERE id = $1`, [row.id]);
    return { ok: true, account: view({ ...row, failed_attempts: 0, locked_until: null }) };
  }

  /** A wrong answer: counted; the fifth in a row locks the account for 15 minutes. */
  async failed(id: string): Promise<{ ok: false; reason: 'wrong' | 'locked' }> {
    const lockUntil = new Date(this.clock().getTime() + LOCKOUT.minutes * 60_000);
    const { rows } = await this.pool.query<{ locked: boolean }>(
      `UPDATE ${this.table} SET
         locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END,
         failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END
       WHERE id = $1 RETURNING locked_until = $3 AS locked`,
      [id, LOCKOUT.failures, lockUntil]);
    return { ok: false, reason: rows[0]?.locked ? 'locked' : 'wrong' };
  }

  async isLockedNow(id: string): Promise<boolean> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
    return !rows[0] || this.isLocked(rows[0]);
  }

  /** A new password chosen by its holder: at least 12 characters, not the username. */
  async setPassword(id: string, password: string): Promise<void> {
    const account = await this.findById(id);
    if (!account) throw new AccountRefused('No such account');
    const problem = newPasswordProblem(password, account.username);
    if (problem) throw new AccountRefused(problem);
    await this.pool.query(`UPDATE ${this.table} SET password_hash = $2, password_must_change = false, updated_at = $3 WHERE id = $1`,
      [id, await hashPassword(password), this.clock()]);
  }

  /**
   * A new one-time password for someone who forgot theirs or lost their authenticator (an
   * administrator's act): the old password stops working, the lock is lifted, and TOTP is enrolled
   * afresh at the next sign-in.
   */
  async resetPassword(username: string): Promise<{ account: Account; oneTimePassword: string }> {
    const password = oneTimePassword();
    const { rows } = await this.pool.query<Row>(
      `UPDATE ${this.table} SET password_hash = $2, password_must_change = true, totp_secret = NULL, totp_confirmed = false,
         totp_last_step = NULL, failed_attempts = 0, locked_until = NULL, updated_at = $3
       WHERE username = $1 RETURNING *`,
      [normaliseUsername(username), await hashPassword(password), this.clock()]);
    if (!rows[0]) throw new AccountRefused(`No account named ${normaliseUsername(username)}`);
    return { account: view(rows[0]), oneTimePassword: password };
  }

  /**
   * The secret to enrol in an authenticator app: the one pending since the last call, or a new one.
   * It counts only once a code made from it is confirmed (`confirmTotp`).
   */
  async startTotpEnrolment(id: string): Promise<{ secret: string; uri: string }> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) throw new AccountRefused('No such account');
    if (row.totp_confirmed) throw new AccountRefused('This account already has an authenticator');
    let secret = row.totp_secret ? this.sealer.open(row.totp_secret) : null;
    if (!secret) {
      secret = newTotpSecret();
      await this.pool.query(`UPDATE ${this.table} SET totp_secret = $2, updated_at = $3 WHERE id = $1 AND NOT totp_confirmed`, [id, this.sealer.seal(secret), this.clock()]);
    }
    return { secret: base32Encode(secret), uri: otpauthUri(secret, row.username, this.issuerName) };
  }

  /**
   * A code from the authenticator: right for this step or one either side, and not a step already
   * used (a code is good once). Confirms a pending enrolment. A wrong code counts as a failure.
   */
  async checkTotp(id: string, code: string): Promise<{ ok: true } | { ok: false; reason: 'wrong' | 'locked' }> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row || !row.totp_secret) return { ok: false, reason: 'wrong' };
    if (this.isLocked(row)) return { ok: false, reason: 'locked' };
    const step = verifyTotp(this.sealer.open(row.totp_secret), code, this.clock());
    if (step === null || (row.totp_last_step !== null && step <= Number(row.totp_last_step))) return this.failed(id);
    // the step is claimed atomically: two requests with the same code cannot both pass
    const { rowCount } = await this.pool.query(
      `UPDATE ${this.table} SET totp_last_step = $2, totp_confirmed = true, failed_attempts = 0, updated_at = $3
       WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`, [id, step, this.clock()]);
    return rowCount === 1 ? { ok: true } : this.failed(id);
  }

  private isLocked(row: Row): boolean {
    return row.locked_until !== null && row.locked_until.getTime() > this.clock().getTime();
  }
}

function view(row: Row): Account {
  return {
    id: row.id, username: row.username, name: row.name, roles: row.roles as Role[],
    passwordMustChange: row.password_must_change, totpEnrolled: row.totp_confirmed, lockedUntil: row.locked_until,
  };
}
