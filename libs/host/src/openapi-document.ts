import { policyOf } from '@ehc/identity';
import type { Route } from './routes';

/**
 * The last touches to a service's OpenAPI document, so that it reads as what it is: OpenAPI 3.1,
 * whose schemas are JSON Schema 2020-12 as the services write them (TypeBox: `type: 'null'`,
 * `examples`, `if`/`then`), on this server, with every operation's answers named. Checked by
 * Redocly's recommended rules (infra/embedded/openapi-lint.e2e.spec.ts).
 */
export function finishDocument(document: Record<string, any>): void {
  document.openapi = '3.1.0';
  document.info.license ??= { name: 'Proprietary: for the local authority that runs it', identifier: 'LicenseRef-Proprietary' };
  document.servers = [{ url: '/', description: 'This server' }];
  for (const operations of Object.values(document.paths ?? {}) as Record<string, any>[]) {
    for (const operation of Object.values(operations)) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      const codes = Object.keys(operation.responses);
      // every route reads its path and query through the input rules, so any can be a 400
      if (!codes.some((c) => c.startsWith('4'))) {
        operation.responses['400'] = { description: 'A malformed request: a NUL character in the path or query, or a parameter given twice.' };
      }
      walkSchemas(operation, tidySchema);
    }
  }
  walkSchemas(document.components ?? {}, tidySchema);
}

/** In place, two JSON Schema spellings the 2020-12 dialect names otherwise, and properties a `required` names. */
function tidySchema(schema: Record<string, any>): void {
  // draft-07's `dependencies` with lists of names is 2020-12's `dependentRequired`
  if (schema.dependencies && Object.values(schema.dependencies).every(Array.isArray)) {
    schema.dependentRequired = schema.dependencies;
    delete schema.dependencies;
  }
  // a `required` in an `if`, `not` or union branch names a property of the schema around it: say so here too
  // (a constraint, not a shape: it leaves other properties to the schema around it, as it always did)
  if (Array.isArray(schema.required) && schema.required.some((name: string) => !schema.properties?.[name])) {
    if (!schema.properties && !('type' in schema)) schema.additionalProperties ??= true;
    schema.properties ??= {};
    for (const name of schema.required) schema.properties[name] ??= {};
  }
}

function walkSchemas(node: unknown, visit: (schema: Record<string, any>) => void, seen = new Set<unknown>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) walkSchemas(item, visit, seen);
    return;
  }
  const record = node as Record<string, any>;
  if ('type' in record || 'anyOf' in record || 'required' in record || 'properties' in record || 'if' in record) visit(record);
  for (const [key, value] of Object.entries(record)) {
    // examples are data, not schemas
    if (key === 'example' || key === 'examples') continue;
    walkSchemas(value, visit, seen);
  }
}

/**
 * Who may call each operation, from the policy its route declares: a bearer token (OpenID Connect
 * access token) with one of the roles under `x-roles`, or nothing for a public route. Every
 * guarded operation documents the 401 and 403 it can answer.
 */
export function describeAccess(document: Record<string, any>, routes: Route[]): void {
  document.components ??= {};
  document.components.securitySchemes = {
    bearer: {
      type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
      description: 'An OpenID Connect access token from the hub\'s provider (OIDC_ISSUER_URL; in embedded mode the hub\'s own, at /oidc), audience `ehc-hub`, with the caller\'s roles.',
    },
  };
  document.security = [{ bearer: [] }];
  // a literal path segment is a better match than a parameter (`/x/{id}/decide` before `/x/:id/:command`)
  const patterns = routes.map((route) => ({
    route,
    params: (route.path.match(/:/g) ?? []).length,
    regex: new RegExp('^' + route.path.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : escapeRegex(part))).join('/') + '$'),
  })).sort((a, b) => a.params - b.params);
  for (const [path, operations] of Object.entries(document.paths ?? {}) as [string, Record<string, any>][]) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!operation?.responses) continue;
      const found = patterns.find((p) => p.route.method === method.toUpperCase() && p.regex.test(path));
      const policy = found ? policyOf(found.route.handler, found.route.controller) : undefined;
      if (policy?.kind === 'public') {
        operation.security = [];
        continue;
      }
      const roles = policy?.kind === 'roles' ? [...policy.roles] : [];
      operation.security = [{ bearer: [] }];
      operation['x-roles'] = roles;
      operation.description = `${operation.description ? `${operation.description}\n\n` : ''}Roles: ${roles.length ? roles.join(', ') : 'none (no policy: answers nobody)'}.`;
      operation.responses['401'] ??= { description: 'No access token, or one the hub does not accept (expired, altered, another issuer or audience): `WWW-Authenticate` says why.' };
      operation.responses['403'] ??= { description: 'RoleNotAllowed: the token\'s roles do not include one this operation allows.' };
    }
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
