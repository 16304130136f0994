import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';

/**
 * `import()` of an ES module from this CommonJS code base: a `new Function('s', 'return import(s)')`,
 * as infra/tooling's embedded PostgreSQL does. Inside Jest's module sandbox that fails (it would
 * need --experimental-vm-modules); there a function compiled into Node's main context with its
 * default loader does the import instead (Node marks that loader experimental and says so once).
 * The specifier is resolved from here, so node_modules is found wherever the process started.
 */
const importHere = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

export async function importEsm(name: string): Promise<any> {
  const url = pathToFileURL(require.resolve(name)).href;
  try {
    return await importHere(url);
  } catch (error) {
    const sandboxed = (error as { code?: string }).code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING' || /experimental-vm-modules/.test(String((error as Error).message));
    if (!sandboxed) throw error;
    const importInMainContext = vm.runInThisContext('(specifier) => import(specifier)', {
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    }) as (specifier: string) => Promise<any>;
    return importInMainContext(url);
  }
}

/**
 * Plain objects and arrays rebuilt in Node's main context, functions and other values kept as they
 * are. oidc-provider checks that its configuration (and what the configured functions return) is
 * a plain object of its own realm; under Jest this code runs in a sandbox with another `Object`.
 * Outside Jest this is a plain copy.
 */
export const toMainRealm = vm.runInThisContext(`(function toMain(value) {
  if (Array.isArray(value)) return Array.from(value, toMain);
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === null || (proto.constructor && proto.constructor.name === 'Object' && Object.getPrototypeOf(proto) === null)) {
      const copy = {};
      for (const key of Object.keys(value)) copy[key] = toMain(value[key]);
      return copy;
    }
  }
  return value;
})`) as <T>(value: T) => T;
