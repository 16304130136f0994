import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page, STAFF_ROLES, type StaffRole } from '@ehc/identity';
import { SignInFailed } from '../oidc-client';
import { cookieOf, RedirectTo, SESSION_COOKIE, WORKSPACE, type Workspace } from '../workspace';
import { PageErrors } from './page-errors';

/** Only a path of this site: a `return` pointing elsewhere would make the sign-in an open redirect. */
const localPath = (value: unknown) => (typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/');

/**
 * Signing in and out: authorization code with PKCE at the hub's OpenID provider (embedded, or the
 * authority's own); the session cookie holds a random id, the tokens stay on the server.
 */
@ApiExcludeController()
@Page('signing in and out: shows nothing but the way in until the provider has said who the user is')
@UseFilters(PageErrors)
@Controller()
export class SignInController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get('sign-in')
  signInPage(@Query('return') returnTo: unknown, @Query('problem') problemWords: unknown, @Res({ passthrough: true }) res: Response) {
    const start = `/sign-in/start?return=${encodeURIComponent(localPath(returnTo))}`;
    const problem = problemWords === 'failed' ? 'Signing in did not work. Try again; if it keeps failing, ask your administrator.' : null;
    return this.workspace.page(res, 'sign-in.njk', { title: 'Sign in', start, problem });
  }

  @Get('sign-in/start')
  async start(@Query('return') returnTo: unknown) {
    const { state, codeVerifier } = await this.workspace.options.sessions.beginSignIn(localPath(returnTo));
    throw new RedirectTo(await this.workspace.options.oidc.authorizationUrl(state, codeVerifier));
  }

  @Get('workspace/signed-in')
  async signedIn(@Query('code') code: unknown, @Query('state') state: unknown, @Res({ passthrough: true }) res: Response) {
    const pending = typeof state === 'string' ? await this.workspace.options.sessions.takeSignIn(state) : null;
    if (!pending || typeof code !== 'string') throw new RedirectTo('/sign-in?problem=failed');
    try {
      const tokens = await this.workspace.options.oidc.exchange(code, pending.codeVerifier);
      const verified = await this.workspace.options.accessTokens.verify(tokens.accessToken);
      if (!verified.ok) throw new SignInFailed(`the provider's access token was refused: ${verified.error}`);
      const caller = verified.value;
      const id = await this.workspace.options.sessions.create({
        subject: caller.subject, name: caller.name ?? caller.subject, roles: caller.roles, accessToken: tokens.accessToken,
        accessTokenExpiresAt: new Date(this.workspace.options.clock().getTime() + tokens.expiresInSeconds * 1000), refreshToken: tokens.refreshToken,
      });
      this.workspace.setSessionCookie(res, id);
      // the hub learns the name this member of staff goes by, so that pages show it rather than their id
      if (caller.roles.some((r) => STAFF_ROLES.includes(r as StaffRole))) {
        const recorded = await this.workspace.api.put('/access/me', tokens.accessToken).catch((error: Error) => ({ status: 0, body: error.message }));
        if (recorded.status !== 200) this.workspace.options.logger.warn(`the hub did not record ${caller.subject}'s name (${recorded.status})`);
      }
      throw new RedirectTo(pending.returnTo);
    } catch (error) {
      if (error instanceof RedirectTo) throw error;
      this.workspace.options.logger.warn(`sign-in failed: ${(error as Error).message}`);
      throw new RedirectTo('/sign-in?problem=failed');
    }
  }

  @Post('sign-out')
  @HttpCode(303)
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const id = cookieOf(req, SESSION_COOKIE);
    const session = id ? await this.workspace.options.sessions.find(id) : null;
    if (id && session) {
      this.workspace.checkCsrf(req, session);
      await this.workspace.options.sessions.end(id);
    }
    this.workspace.setSessionCookie(res, null);
    throw new RedirectTo('/signed-out');
  }

  @Get('signed-out')
  signedOut(@Res({ passthrough: true }) res: Response) {
    return this.workspace.page(res, 'signed-out.njk', { title: 'You have signed out' });
  }
}
