import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

/** One route the app answers, with the handler and controller that carry its metadata. */
export interface Route {
  method: string;
  path: string;
  handler: (...args: unknown[]) => unknown;
  controller: new (...args: unknown[]) => unknown;
}

/** Every route of every controller in the app, as `METHOD /path` (path parameters as `:name`). */
export function routesOf(app: INestApplication): Route[] {
  const found = new Map<string, Route>();
  const paths = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [typeof value === 'string' ? value : '']);
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (verb === undefined) continue;
        const method = RequestMethod[verb];
        for (const base of paths(Reflect.getMetadata(PATH_METADATA, metatype))) {
          for (const sub of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
            const path = '/' + [base, sub].flatMap((p) => p.split('/')).filter(Boolean).join('/');
            found.set(`${method} ${path}`, { method, path, handler: handler as Route['handler'], controller: metatype as Route['controller'] });
          }
        }
      }
    }
  }
  return [...found.values()];
}
