import { createHash } from 'node:crypto';
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
 * Security headers on every response (helmet: CSP, HSTS, nosniff, no referrer, frame denial,
 * cross-origin isolation). No CORS headers are sent: a browser on another origin is refused by default.
 */
export function securityHeaders(docsPath = '/docs'): RequestHandler {
  const common = { referrerPolicy: { policy: 'no-referrer' as const }, frameguard: { action: 'deny' as const } };
  const api = helmet({ ...common, crossOriginEmbedderPolicy: true, contentSecurityPolicy: { useDefaults: false, directives: API_CONTENT_SECURITY_POLICY } });
  const docs = helmet({ ...common, crossOriginEmbedderPolicy: false, contentSecurityPolicy: { useDefaults: false, directives: DOCS_CONTENT_SECURITY_POLICY } });
  return (req, res, next) => {
    const underDocs = req.path === docsPath || req.path.startsWith(`${docsPath}/`);
    return (underDocs ? docs : api)(req, res, next);
  };
}
