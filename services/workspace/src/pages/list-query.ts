import { PageRefused } from '../workspace';
import type { ApiAnswer, ApiProblem } from '../hub-api';

/** A query parameter as trimmed text, at most `max` characters, or nothing. */
export const textParam = (value: unknown, max = 100): string | undefined =>
  (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined);

/** A whole number given in a filter, or an error in words for the field it is in. */
export function wholeNumber(value: string | undefined, { min, max }: { min: number; max: number }): { value?: number; fault?: string } {
  if (value === undefined) return {};
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) return { fault: `a whole number from ${min} to ${max}` };
  return { value: Number(value) };
}

/** A link to the same page with the query changed: every other choice kept, the empty ones left out. */
export function linkTo(path: string, current: Record<string, string | undefined>, change: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams(Object.entries({ ...current, ...change }).filter((e): e is [string, string] => !!e[1]));
  return params.size ? `${path}?${params}` : path;
}

/** The API's list answer, or the page refused in words (a 403 stays a 403: the API decided). */
export function listOrRefuse<T>(answer: ApiAnswer<T>, what: string): T {
  if (answer.status === 200) return answer.body;
  const problem = answer.body as ApiProblem | null;
  if (answer.status === 403) throw new PageRefused(403, `You cannot see ${what}`, problem?.detail ?? 'Your role does not allow it. Ask your team manager if you need it.');
  if (answer.status === 400) throw new PageRefused(400, `${what[0].toUpperCase()}${what.slice(1)} could not be shown`, problem?.errors?.map((e) => e.message).filter(Boolean).join('; ') || problem?.title || 'The hub did not take the filters.');
  throw new PageRefused(502, `${what[0].toUpperCase()}${what.slice(1)} could not be shown`, problem?.title ?? 'The hub did not answer as expected. Try again later.');
}

/** The page a list's address asks for: 1 when it asks for none (or for nonsense), at most 10,000. */
export const requestedPage = (asked: unknown): number => Math.max(1, Math.min(Number(asked) || 1, 10_000));

/**
 * A page of an API list: the page the address asks for, or the last one when that is past the end
 * (the list shrank, or a typed address). `first`: the asked page's answer, when it was fetched
 * already (beside other requests).
 */
export async function listPage<T extends { total: number }>(
  asked: unknown, pageSize: number, fetchPage: (page: number) => Promise<ApiAnswer<T>>, what: string, first?: ApiAnswer<T>,
): Promise<{ list: T; page: number; pages: number }> {
  const requested = requestedPage(asked);
  let list = listOrRefuse(first ?? await fetchPage(requested), what);
  const pages = Math.max(1, Math.ceil(list.total / pageSize));
  const page = Math.min(requested, pages);
  if (page !== requested) list = listOrRefuse(await fetchPage(page), what);
  return { list, page, pages };
}

/** GOV.UK pagination items: every page when few, else the first, the last and those around the current one, with ellipses. */
export function paginationItems(page: number, pages: number, href: (page: number) => string) {
  const shown = [...new Set([1, pages, page - 1, page, page + 1])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  shown.forEach((p, i) => {
    if (i > 0 && p - shown[i - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: p, href: href(p), current: p === page });
  });
  return {
    items, previous: page > 1 ? { href: href(page - 1) } : undefined, next: page < pages ? { href: href(page + 1) } : undefined,
  };
}

/** Errors for the error summary, as each field's own message (`{ within: { text } }`). */
export const fieldErrorsOf = (errors: { text: string; href: string }[]): Record<string, { text: string }> =>
  Object.fromEntries(errors.map((e) => [e.href.replace(/^#/, ''), { text: e.text }]));
