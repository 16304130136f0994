/** An answer of the hub's API: its status and its JSON (a problem, on a 4xx). */
export interface ApiAnswer<T = any> { status: number; body: T }

/** A problem (RFC 9457) as the API gives it: the rule, its words, and the field each fault is in. */
export interface ApiProblem { type?: string; title?: string; detail?: string; status?: number; errors?: { field?: string; rule?: string; message?: string }[] }

/**
 * The hub's API, called with the signed-in user's own access token: every role and object-level
 * check of the services applies to what the workspace shows. Embedded, it is the same process on
 * loopback; distributed, the services' addresses.
 */
export class HubApi {
  constructor(private readonly baseUrl: (path: string) => string) {}

  get<T = any>(path: string, token: string, query: Record<string, string | number | undefined> = {}): Promise<ApiAnswer<T>> {
    const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '').map(([k, v]): [string, string] => [k, String(v)]));
    return this.call('GET', `${path}${q.size ? `?${q}` : ''}`, token);
  }

  post<T = any>(path: string, token: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.call('POST', path, token, body);
  }

  put<T = any>(path: string, token: string, body?: unknown): Promise<ApiAnswer<T>> {
    return this.call('PUT', path, token, body);
  }

  delete<T = any>(path: string, token: string): Promise<ApiAnswer<T>> {
    return this.call('DELETE', path, token);
  }

  /**
   * A CSV file for an import, as text/csv: the import answers once it has run (its report), so it
   * may take minutes, not seconds. `location` is where the run's record is (on a refusal too).
   */
  postCsv<T = any>(path: string, token: string, csv: string, timeoutMs = 10 * 60_000): Promise<ApiAnswer<T> & { location: string | null }> {
    return this.sendCsv('POST', path, token, csv, timeoutMs);
  }

  /** A CSV file that replaces what the API holds (the special schools' places), as text/csv. */
  putCsv<T = any>(path: string, token: string, csv: string, timeoutMs = 60_000): Promise<ApiAnswer<T> & { location: string | null }> {
    return this.sendCsv('PUT', path, token, csv, timeoutMs);
  }

  private async sendCsv(method: 'POST' | 'PUT', path: string, token: string, csv: string, timeoutMs: number): Promise<ApiAnswer & { location: string | null }> {
    const response = await fetch(`${this.baseUrl(path)}${path}`, {
      method, signal: AbortSignal.timeout(timeoutMs),
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'text/csv; charset=utf-8' },
      body: csv,
    });
    return { ...(await this.answerOf(response)), location: response.headers.get('location') };
  }

  /**
   * A file the API makes (a spreadsheet, a CSV), as bytes with its type and file name: the browser
   * holds no token, so the page fetches it and hands it on.
   */
  async download(path: string, token: string, query: Record<string, string>): Promise<{ status: number; contentType: string | null; disposition: string | null; bytes: Buffer }> {
    const q = new URLSearchParams(query);
    const response = await fetch(`${this.baseUrl(path)}${path}?${q}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
    return {
      status: response.status, contentType: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  /** A letter, as the HTML the API renders. */
  async html(path: string, token: string): Promise<{ status: number; html: string }> {
    const response = await fetch(`${this.baseUrl(path)}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) });
    return { status: response.status, html: await response.text() };
  }

  private async call(method: string, path: string, token: string, body?: unknown): Promise<ApiAnswer> {
    const response = await fetch(`${this.baseUrl(path)}${path}`, {
      method, signal: AbortSignal.timeout(15_000),
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return this.answerOf(response);
  }

  private async answerOf(response: globalThis.Response): Promise<ApiAnswer> {
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { title: 'The hub answered something that is not JSON' };
    }
    return { status: response.status, body: parsed };
  }
}
