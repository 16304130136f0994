import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { problem } from '@ehc/http';
import { AccessTokenVerifier, type TokenRefusal } from './access-token';
import type { AuthenticatedRequest } from './authentication';
import { ACCESS_POLICY, OBJECT_SCOPE, type AccessPolicy, type ObjectScope } from './policy';
import { ACCESS_DIRECTORY, EMPTY_DIRECTORY, type AccessDirectory } from './access-directory';
import { accessToObject, type ObjectAccess, type ObjectFacts } from './relationships';

export const ACCESS_TOKEN_VERIFIER = Symbol('ACCESS_TOKEN_VERIFIER');

/** Who is related to the objects of one kind (a service's cases, its plans): provided by the service. */
export interface ObjectFactsSource {
  /** null when there is no such object: the route answers its own 404. */
  factsOf(id: string): Promise<Omit<ObjectFacts, 'caseworkerTeams'> | null>;
  /** The 404 the route gives for a missing object, given alike to a caller it does not exist for. */
  notFound(id: string): Error;
}

export type RequestWithAccess = AuthenticatedRequest & { objectAccess?: ObjectAccess };

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
  constructor(
    private readonly reflector: Reflector,
    private readonly modules: ModuleRef,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    @Optional() @Inject(ACCESS_DIRECTORY) private readonly directory: AccessDirectory = EMPTY_DIRECTORY,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) throw problem(403, 'NoAccessPolicy', 'This route declares no access policy, so it answers nobody');
    if (policy.kind === 'public' || policy.kind === 'page') return true;

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
    const scope = this.reflector.getAllAndOverride<ObjectScope | undefined>(OBJECT_SCOPE, [context.getHandler(), context.getClass()]);
    if (scope?.kind === 'scoped') await this.checkObject(scope, request);
    return true;
  }

  /**
   * The object-level check: the caller's relationship to the case or plan named in the path. One
   * it does not exist for gets the route's own 404 (a 403 would confirm it exists); one they may
   * read but not change, a 403 naming why.
   */
  private async checkObject(scope: Extract<ObjectScope, { kind: 'scoped' }>, request: RequestWithAccess): Promise<void> {
    const source = this.modules.get<ObjectFactsSource>(scope.facts, { strict: false });
    const id = String(request.params[scope.param] ?? '');
    const facts = await source.factsOf(id);
    if (!facts) return;
    const caller = request.caller!;
    const { relations, caseworkerTeams } = await this.directory.relationsFor(caller.subject, facts.caseworker);
    const access = accessToObject(caller, relations, { ...facts, caseworkerTeams });
    if (access === 'none') throw source.notFound(id);
    const needs: ObjectAccess = request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'act';
    if (needs === 'act' && access !== 'act') {
      throw problem(403, 'NotAllocatedToYou', 'This is allocated to another caseworker: you may read it, not change it',
        'Ask your team manager to reassign it to you');
    }
    request.objectAccess = access;
  }
}
