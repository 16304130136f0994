import { SMTPServer } from 'smtp-server';

/** A message as the test SMTP server received it: the envelope, the raw text, and what tests assert on. */
export interface ReceivedMessage {
  envelope: { from: string; to: string[] };
  /** The DATA as sent (dot-stuffing undone), CRLF line ends. */
  raw: string;
  /** The top-level headers: lower-case names, unfolded, RFC 2047 encoded words decoded; the first of a repeated header. */
  headers: Record<string, string>;
  subject: string;
  messageId: string;
  /** The text/plain part, transfer encoding (quoted-printable, base64) undone, line ends as `\n`. */
  text: string;
  /** The text/html part, decoded the same way, when there is one. */
  html?: string;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:port`, with `user:pass@` when auth is required. */
  url: string;
  port: number;
  messages: ReceivedMessage[];
  /** Resolves with the messages once `n` have arrived; rejects after `timeoutMs` (default 5 s) with how many had. */
  waitForMessages(n: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 and a free port, for adapter tests:
 * plain text, no STARTTLS. `rejectRecipients` are refused at RCPT TO with 550; `requireAuth` demands
 * AUTH PLAIN/LOGIN with those credentials (allowed without TLS: it is a test).
 */
export async function startSmtpServer(options: { rejectRecipients?: string[]; requireAuth?: { user: string; pass: string } } = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  const waiters = new Set<() => void>();
  const refused = new Set((options.rejectRecipients ?? []).map((a) => a.toLowerCase()));
  const auth = options.requireAuth;

  const server = new SMTPServer({
    logger: false,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: Boolean(auth),
    authOptional: !auth,
    // connections a client left open end this soon after stop(), rather than in 30 s
    closeTimeout: 200,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass) return callback(null, { user: credentials.username });
      callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (!refused.has(address.address.toLowerCase())) return callback();
      callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push(parseMessage(raw, { from, to: session.envelope.rcptTo.map((r) => r.address) }));
        for (const wake of [...waiters]) wake();
        callback();
      });
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('the test SMTP server has no TCP address'));
    });
  });
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages,
    waitForMessages(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${n} message(s) within ${timeoutMs} ms, received ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Just enough MIME for nodemailer's output: headers, one level of multipart, QP and base64. */
function parseMessage(raw: string, envelope: ReceivedMessage['envelope']): ReceivedMessage {
  const { headers, body } = splitEntity(raw);
  // SMTP DATA ends with a line break, which the transport adds after the last line of the body
  const parts = partsOf(headers, body.replace(/\r\n$/, ''));
  const text = parts.find((p) => p.type === 'text/plain');
  const html = parts.find((p) => p.type === 'text/html');
  return {
    envelope,
    raw,
    headers,
    subject: headers['subject'] ?? '',
    messageId: headers['message-id'] ?? '',
    text: text?.content ?? '',
    ...(html ? { html: html.content } : {}),
  };
}

function splitEntity(entity: string): { headers: Record<string, string>; body: string } {
  const end = entity.indexOf('\r\n\r\n');
  const head = end < 0 ? entity : entity.slice(0, end);
  const body = end < 0 ? '' : entity.slice(end + 4);
  const headers: Record<string, string> = {};
  // unfolding (RFC 5322 §2.2.3): a line break followed by white space is no break
  for (const line of head.replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function partsOf(headers: Record<string, string>, body: string): { type: string; content: string }[] {
  const contentType = headers['content-type'] ?? 'text/plain';
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return [];
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .flatMap((part) => {
        const entity = splitEntity(part.replace(/^\r\n/, ''));
        return partsOf(entity.headers, entity.body.replace(/\r\n$/, ''));
      });
  }
  const charset = /charset="?([^";]+)"?/i.exec(contentType)?.[1];
  return [{ type, content: decodeBody(body, headers['content-transfer-encoding'], charset).replace(/\r\n/g, '\n') }];
}

function decodeBody(body: string, transferEncoding = '7bit', charset = 'utf-8'): string {
  const encoding = transferEncoding.trim().toLowerCase();
  let bytes: Buffer;
  if (encoding === 'quoted-printable') bytes = qpBytes(body.replace(/=\r\n/g, ''));
  else if (encoding === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else return body;
  return bytes.toString(bufferEncoding(charset));
}

function qpBytes(s: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(s[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

// RFC 2047: =?charset?Q|B?text?=; white space between two encoded words is dropped, and a run of
// them is decoded as one byte sequence (a character's bytes may be split across two words)
const ENCODED_WORD = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
const ENCODED_RUN = /=\?[^?]+\?[QqBb]\?[^?]*\?=(?:\s+=\?[^?]+\?[QqBb]\?[^?]*\?=)*/g;

function decodeEncodedWords(value: string): string {
  return value.replace(ENCODED_RUN, (run) => {
    const words = [...run.matchAll(ENCODED_WORD)];
    const bytes = Buffer.concat(words.map(([, , enc, text]) => (enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qpBytes(text.replace(/_/g, ' ')))));
    return bytes.toString(bufferEncoding(words[0][1]));
  });
}

function bufferEncoding(charset: string): BufferEncoding {
  const c = charset.toLowerCase().replace(/\*.*$/, '');
  return c === 'iso-8859-1' || c === 'latin1' || c === 'us-ascii' ? 'latin1' : 'utf8';
}
