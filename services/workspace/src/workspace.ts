import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type nunjucks from 'nunjucks';
import type { Clock } from '@ehc/domain-kernel';
import type { JsonLogger } from '@ehc/http';
import type { AccessTokenVerifier } from '@ehc/identity';
import type { HubApi } from './hub-api';
import type { OidcClient } from './oidc-client';
import type { Session, Sessions } from './sessions';

export const WORKSPACE = Symbol('WORKSPACE');
export const SESSION_COOKIE = 'ehc_session';

/** Leave the page for another (a 303 after a form, or to sign in). */
export class RedirectTo extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

/** A page that cannot be shown, in words for the person looking at it. */
export class PageRefused extends Error {
  constructor(readonly status: number, readonly title: string, readonly explanation: string) {
    super(title);
  }
}

export interface SignedIn { id: string; session: Session }

/** Everything a page of the workspace needs: who is signed in, the hub's API, the templates. */
export class Workspace {
  constructor(readonly options: {
    sessions: Sessions; oidc: OidcClient; api: HubApi; views: nunjucks.Environment; clock: Clock;
    accessTokens: AccessTokenVerifier; secureCookies: boolean; logger: JsonLogger;
  }) {}

  get api(): HubApi { return this.options.api; }

  /** The signed-in user of this request (their access token renewed when near its end), or off to sign in. */
  async signedIn(req: Request): Promise<SignedIn> {
    const id = cookieOf(req, SESSION_COOKIE);
    const session = id ? await this.options.sessions.find(id) : null;
    if (!id || !session) throw new RedirectTo(`/sign-in?return=${encodeURIComponent(req.method === 'GET' ? req.originalUrl : '/')}`);
    const now = this.options.clock().getTime();
    if (session.accessTokenExpiresAt.getTime() - now > 30_000) return { id, session };
    // the access token is near its end: a fresh one with the refresh token, else sign in again
    if (!session.refreshToken) throw new RedirectTo(`/sign-in?return=${encodeURIComponent(req.method === 'GET' ? req.originalUrl : '/')}`);
    try {
      const tokens = await this.options.oidc.refresh(session.refreshToken);
      const renewed = { accessToken: tokens.accessToken, accessTokenExpiresAt: new Date(now + tokens.expiresInSeconds * 1000), refreshToken: tokens.refreshToken };
      await this.options.sessions.renewTokens(id, renewed);
      return { id, session: { ...session, ...renewed, refreshToken: renewed.refreshToken ?? session.refreshToken } };
    } catch {
      await this.options.sessions.end(id);
      throw new RedirectTo(`/sign-in?return=${encodeURIComponent(req.method === 'GET' ? req.originalUrl : '/')}`);
    }
  }

  /**
   * The names of the staff a page mentions: the user's own teams' members (as the hub learnt them at
   * their sign-in), and the user. Anyone else shows as their id.
   */
  async staffNames(session: Session): Promise<{ names: Record<string, string>; team: { subject: string; name: string }[] }> {
    const answer = await this.api.get<{ teams: { members: { subject: string; name: string | null }[] }[] }>('/access/my-teams', session.accessToken);
    const members = answer.status === 200 ? answer.body.teams.flatMap((t) => t.members) : [];
    const names: Record<string, string> = { [session.subject]: session.name };
    for (const m of members) if (m.name) names[m.subject] = m.name;
    const team = [...new Map(members.map((m) => [m.subject, { subject: m.subject, name: names[m.subject] ?? m.subject }])).values()];
    return { names, team };
  }

  /** A form's CSRF token against the session's: a page on another site cannot know it. */
  checkCsrf(req: Request, session: Session): void {
    const given = Buffer.from(String((req.body as Record<string, unknown> | undefined)?.csrf ?? ''));
    const expected = Buffer.from(session.csrfToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new PageRefused(403, 'This form has expired', 'Go back, reload the page and try again. (The form did not come from this session.)');
    }
  }

  /** A page: the template with the signed-in user, their navigation and the form token. */
  page(res: Response, template: string, context: Record<string, unknown>, signedIn?: SignedIn): string {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    // pages show children's records: never kept by a browser's or a proxy's cache
    res.setHeader('cache-control', 'no-store');
    const user = signedIn?.session;
    return this.options.views.render(template, {
      ...context, cspNonce: res.locals.cspNonce, user, csrfToken: user?.csrfToken,
      navigation: user ? navigationFor(user.roles, String(context.section ?? '')) : [],
    });
  }

  setSessionCookie(res: Response, id: string | null): void {
    const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(this.options.secureCookies ? ['Secure'] : [])];
    res.append('set-cookie', id ? `${SESSION_COOKIE}=${id}; ${attributes.join('; ')}` : `${SESSION_COOKIE}=; Max-Age=0; ${attributes.join('; ')}`);
  }
}

/** The sections of the workspace, and who sees each in the navigation (the API decides what they may do there). */
const SECTIONS: { href: string; text: string; section: string; roles: string[] }[] = [
  { href: '/', text: 'My work', section: 'my-work', roles: ['caseworker', 'team-manager'] },
  { href: '/reviews', text: 'Reviews due', section: 'reviews', roles: ['caseworker', 'team-manager', 'tribunal-officer'] },
  { href: '/transfers', text: 'Phase transfers', section: 'transfers', roles: ['caseworker', 'team-manager', 'tribunal-officer'] },
  { href: '/settings-directory', text: 'Settings', section: 'settings', roles: ['caseworker', 'team-manager', 'tribunal-officer', 'funding-officer', 'finance', 'administrator'] },
  // the tribunal's pages are under /tribunal: the API answers /appeal-windows and /appeals on the same host
  { href: '/tribunal/appeal-windows', text: 'Appeal windows', section: 'appeal-windows', roles: ['tribunal-officer', 'team-manager', 'caseworker'] },
  { href: '/tribunal/appeals', text: 'Appeals', section: 'appeals', roles: ['tribunal-officer', 'team-manager', 'caseworker'] },
  { href: '/tribunal/appeals-data', text: 'Appeals data', section: 'appeals-data', roles: ['tribunal-officer', 'team-manager', 'performance-reader'] },
  // the funding pages are under /high-needs: the API answers /funding on the same host
  { href: '/high-needs/plans', text: 'Awaiting funding', section: 'funding-plans', roles: ['funding-officer', 'team-manager', 'finance'] },
  { href: '/high-needs/bands', text: 'Banding matrix', section: 'funding-bands', roles: ['funding-officer', 'team-manager', 'finance'] },
  { href: '/high-needs/schedule', text: 'Payment schedule', section: 'funding-schedule', roles: ['funding-officer', 'team-manager', 'finance', 'performance-reader'] },
  { href: '/high-needs/forecast', text: 'Forecast', section: 'funding-forecast', roles: ['funding-officer', 'team-manager', 'finance', 'performance-reader'] },
  { href: '/high-needs/early-years', text: 'Early years inclusion', section: 'funding-ey', roles: ['funding-officer', 'team-manager', 'finance'] },
  { href: '/high-needs/eotas', text: 'EOTAS packages', section: 'funding-eotas', roles: ['funding-officer', 'team-manager', 'finance'] },
  // the survey pages are under /feedback: the API answers /surveys on the same host
  { href: '/feedback', text: 'Surveys', section: 'surveys', roles: ['caseworker', 'team-manager', 'performance-reader'] },
  // the monthly meeting's pages are under /meeting: the API answers /performance on the same host
  { href: '/meeting', text: 'Monthly pack', section: 'meeting', roles: ['caseworker', 'team-manager', 'tribunal-officer', 'funding-officer', 'finance', 'performance-reader'] },
  { href: '/imports', text: 'Imports', section: 'imports', roles: ['team-manager', 'administrator'] },
];

function navigationFor(roles: string[], section: string) {
  return SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r))).map((s) => ({ href: s.href, text: s.text, active: s.section === section }));
}

export function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}
