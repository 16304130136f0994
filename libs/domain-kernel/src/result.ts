// STYLE §1/§7: deciders return a typed Result; domain code throws only for bugs.

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Fail<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Fail<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

// `const` keeps a rule name such as 'DecisionAlreadyMade' as its literal type, so
// `return fail('DecisionAlreadyMade')` checks against a union of rule names.
export const fail = <const E>(error: E): Fail<E> => ({ ok: false, error });

export const isOk = <T, E>(result: Result<T, E>): result is Ok<T> => result.ok;

export const isFail = <T, E>(result: Result<T, E>): result is Fail<E> => !result.ok;
