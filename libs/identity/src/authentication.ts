import type { NextFunction, Request, Response } from 'express';
import type { AccessTokenVerifier, TokenRefusal, VerifiedCaller } from './access-token';
import { HUB_SERVICE_ROLE } from './policy';

/** What the request's `Authorization` header proved: a caller, a refused token, or no token at all. */
export type Authentication = { caller: VerifiedCaller } | { refusal: TokenRefusal };

export type AuthenticatedRequest = Request & { authentication?: Authentication; caller?: VerifiedCaller };

/**
 * Reads the access token once, before anything else looks at the request (the idempotency keys are
 * the caller's own, so they need to know who it is). It decides nothing: the access guard lets the
 * request in or not, by the route's policy.
 */
export function authenticate(verifier: AccessTokenVerifier) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const authenticated = req as AuthenticatedRequest;
    void verifier.verifyHeader(req.headers.authorization).then((verified) => {
      authenticated.authentication = verified.ok ? { caller: verified.value } : { refusal: verified.error };
      if (verified.ok) authenticated.caller = verified.value;
      next();
    }, next);
  };
}

/** The verified caller of a request the guard let in; undefined on a public route. */
export function callerOf(req: Request): VerifiedCaller | undefined {
  return (req as AuthenticatedRequest).caller;
}

/** Events record who acted: a person by their subject, a service account as the system it is. */
export function actorOf(caller: VerifiedCaller | undefined): { kind: 'user' | 'system'; id: string } {
  if (!caller) return { kind: 'system', id: 'anonymous' };
  return { kind: caller.roles.includes(HUB_SERVICE_ROLE) ? 'system' : 'user', id: caller.subject };
}
