import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { problem } from '@ehc/http';
import { AccessTokenVerifier, type TokenRefusal } from './access-token';
import type { AuthenticatedRequest } from './authentication';
import { ACCESS_POLICY, type AccessPolicy } from './policy';

export const ACCESS_TOKEN_VERIFIER = Symbol('ACCESS_TOKEN_VERIFIER');


const TITLES: Record<TokenRefusal, string> = {
  TokenMissing: 'Sign in: this route needs an access token (Authorization: Bearer …)',
  TokenMalformed: 'The Authorization header holds no access token the hub can read',
  TokenExpired: 'The access token has expired: get a new one',
  TokenNotYetValid: 'The access token is not valid yet',
  WrongIssuer: 'The access token comes from a provider the hub does not trust',
  WrongAudience: 'The access token was issued for another application',
  AlgorithmNotAllowed: 'The access token is signed with an algorithm the hub does not accept',
  BadSignature: 'The access token\'s signature does not verify',
  UnknownSigningKey: 'The access token is signed with a key the provider does not publish',
  NoSubject: 'The access token names no user or service account',
};

/**
 * Deny by default: a route with no policy answers nobody; a public one answers everyone; any other
 * needs a verified token (401 otherwise, RFC 6750) holding one of the route's roles (403 otherwise).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) throw problem(403, 'NoAccessPolicy', 'This route declares no access policy, so it answers nobody');
    if (policy.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // read once by the authenticate middleware in a host; verified here when there is none
    const done = request.authentication;
    const verified = done ? ('caller' in done ? { ok: true as const, value: done.caller } : { ok: false as const, error: done.refusal })
      : await this.verifier.verifyHeader(request.headers.authorization);
    if (!verified.ok) {
      const response = context.switchToHttp().getResponse<Response>();
      response.setHeader('WWW-Authenticate', verified.error === 'TokenMissing' ? 'Bearer' : `Bearer error="invalid_token", error_description="${verified.error}"`);
      throw problem(401, verified.error, TITLES[verified.error]);
    }
    if (!policy.roles.some((role) => verified.value.roles.includes(role))) {
      throw problem(403, 'RoleNotAllowed', 'Your role does not allow this', `This needs one of: ${policy.roles.join(', ')}`);
    }
    request.caller = verified.value;
    return true;
  }
}
