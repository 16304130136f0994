import { createHash, randomBytes } from 'node:crypto';
import helmet from 'helmet';
import type { RequestHandler } from 'express';
import { LETTER_STYLE } from '@ehc/letters';

const letterStyleHash = `'sha256-${createHash('sha256').update(LETTER_STYLE).digest('base64')}'`;

/**
 * What every response may load. The API answers JSON and letters: nothing may run, frame it or be
 * loaded from it, save the letter page's own style (allowed by its hash, not by 'unsafe-inline').
 */
export const API_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  styleSrc: [letterStyleHash],
  imgSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * The OpenAPI explorer (/docs) is Swagger UI: its scripts and styles come from this host, and it
 * sets style attributes and data: icons, which a stricter policy would break.
 */
export const DOCS_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * A web front end's pages (the workspace): their own scripts and styles only, the one inline script
 * of the GOV.UK template by its nonce (fresh on every answer), forms posting here and redirecting to
 * the OpenID provider (`formTargets`), never framed.
 */
export function pageContentSecurityPolicy(formTargets: readonly string[]) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", (_req: unknown, res: unknown) => `'nonce-${(res as { locals: { cspNonce: string } }).locals.cspNonce}'`],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
    formAction: ["'self'", ...formTargets],
    frameAncestors: ["'none'"],
  };
}

/** Which paths are a front end's pages, and where their forms may lead. */
export interface PagePaths {
  matches(path: string): boolean;
  formTargets: readonly string[];
  /**
   * The page paths whose POST takes a file: a `multipart/form-data` form (an import's upload), read
   * up to the import limit. Every other page takes URL-encoded forms only; none, by default.
   */
  uploads?: (path: string) => boolean;
}

/**
 * Security headers on every response (helmet: CSP, HSTS, nosniff, no referrer, frame denial,
 * cross-origin isolation). No CORS headers are sent: a browser on another origin is refused by default.
 */
export function securityHeaders(docsPath = '/docs', pages?: PagePaths): RequestHandler {
  const common = { referrerPolicy: { policy: 'no-referrer' as const }, frameguard: { action: 'deny' as const } };
  const api = helmet({ ...common, crossOriginEmbedderPolicy: true, contentSecurityPolicy: { useDefaults: false, directives: API_CONTENT_SECURITY_POLICY } });
  const docs = helmet({ ...common, crossOriginEmbedderPolicy: false, contentSecurityPolicy: { useDefaults: false, directives: DOCS_CONTENT_SECURITY_POLICY } });
  // a page's links to the provider and back keep their origin (no-referrer would not break them; same-origin is kinder to logs)
  const page = pages && helmet({ ...common, referrerPolicy: { policy: 'same-origin' }, crossOriginEmbedderPolicy: false, contentSecurityPolicy: { useDefaults: false, directives: pageContentSecurityPolicy(pages.formTargets) } });
  return (req, res, next) => {
    if (page && pages.matches(req.path)) {
      res.locals.cspNonce = randomBytes(16).toString('base64');
      return page(req, res, next);
    }
    const underDocs = req.path === docsPath || req.path.startsWith(`${docsPath}/`);
    return (underDocs ? docs : api)(req, res, next);
  };
}
