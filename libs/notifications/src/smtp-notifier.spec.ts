import { createServer, type Server, type Socket } from 'node:net';
import { startSmtpServer, type TestSmtpServer } from '@ehc/testing';
import { smtpNotifier, SmtpSendError } from './smtp-notifier';
import type { OutgoingMessage } from './notifier';

const FROM = 'EHC Hub <no-reply@ehc-hub.invalid>';
const LINK = 'https://hub.example/s/abc_DEF-123';
const LONG_LINE = `Please tell us how the EHC needs assessment went for your child or young person: it takes five minutes, and your answers help us improve the service for every family — ${LINK}`;

const message = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  messageId: '6f1c2a9e-0d4b-4c7e-9a51-3b2f8e7d1c01',
  to: 'parent@family.example',
  subject: 'Your views on the EHC needs assessment — Chloé',
  text: `Dear Renée,\n\n${LONG_LINE}\n\nSEND Service`,
  ...over,
});

/** A TCP port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('smtpNotifier, against a real SMTP server', () => {
  let smtp: TestSmtpServer;
  afterEach(async () => smtp?.stop());

  it('delivers the message with its envelope, Subject, Message-ID and text intact', async () => {
    smtp = await startSmtpServer();
    const notifier = smtpNotifier({ url: smtp.url, from: FROM });
    try {
      expect(notifier.channel).toBe('smtp');
      await notifier.send(message());
    } finally {
      await notifier.close();
    }
    const [received] = await smtp.waitForMessages(1);
    expect(received.envelope).toEqual({ from: 'no-reply@ehc-hub.invalid', to: ['parent@family.example'] });
    expect(received.subject).toBe('Your views on the EHC needs assessment — Chloé');
    expect(received.messageId).toBe('<6f1c2a9e-0d4b-4c7e-9a51-3b2f8e7d1c01@ehc-hub>');
    expect(received.text).toBe(`Dear Renée,\n\n${LONG_LINE}\n\nSEND Service`);
    expect(received.text).toContain(LINK);
    // on the wire: the subject as encoded words, the text quoted-printable with the long line wrapped
    expect(received.raw).toMatch(/^Subject: =\?UTF-8\?Q\?/m);
    expect(received.raw).toMatch(/^Content-Transfer-Encoding: quoted-printable/m);
    expect(received.raw).toContain('=\r\n');
    expect(received.raw.split('\r\n').every((line) => line.length <= 78)).toBe(true);
  });

  it('sends an html part beside the text when there is one', async () => {
    smtp = await startSmtpServer();
    const notifier = smtpNotifier({ url: smtp.url, from: FROM });
    try {
      await notifier.send(message({ html: `<p>Dear Renée,</p><p><a href="${LINK}">Tell us</a></p>` }));
    } finally {
      await notifier.close();
    }
    const [received] = await smtp.waitForMessages(1);
    expect(received.text).toContain('Dear Renée,');
    expect(received.html).toBe(`<p>Dear Renée,</p><p><a href="${LINK}">Tell us</a></p>`);
  });

  it('signs in when the server requires it', async () => {
    smtp = await startSmtpServer({ requireAuth: { user: 'hub', pass: 'p@ss:word/1' } });
    const notifier = smtpNotifier({ url: smtp.url, from: FROM });
    try {
      await notifier.send(message());
    } finally {
      await notifier.close();
    }
    expect(await smtp.waitForMessages(1)).toHaveLength(1);
  });

  it('rejects with the reply code, and no password, when the credentials are wrong', async () => {
    smtp = await startSmtpServer({ requireAuth: { user: 'hub', pass: 'right' } });
    const notifier = smtpNotifier({ url: `smtp://hub:wrong-secret@127.0.0.1:${smtp.port}`, from: FROM });
    try {
      const error = await notifier.send(message()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SmtpSendError);
      expect((error as Error).message).toMatch(new RegExp(`^SMTP 127\\.0\\.0\\.1:${smtp.port}: .*authentication failed.*535`));
      expect((error as Error).message).not.toContain('wrong-secret');
    } finally {
      await notifier.close();
    }
    expect(smtp.messages).toHaveLength(0);
  });

  it('rejects a refused recipient with the SMTP code, naming the server but neither the address nor the text', async () => {
    smtp = await startSmtpServer({ rejectRecipients: ['gone@family.example'] });
    const notifier = smtpNotifier({ url: smtp.url, from: FROM });
    try {
      const error = await notifier.send(message({ to: 'gone@family.example' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SmtpSendError);
      const { message: text, responseCode, permanent, server } = error as SmtpSendError;
      expect(text).toMatch(/recipient refused/);
      expect(text).toContain(`127.0.0.1:${smtp.port}`);
      expect(text).toContain('550');
      expect(text).toContain('6f1c2a9e-0d4b-4c7e-9a51-3b2f8e7d1c01');
      expect(text).not.toContain('gone@family.example');
      expect(text).not.toContain('Renée');
      expect({ responseCode, permanent, server }).toEqual({ responseCode: 550, permanent: true, server: `127.0.0.1:${smtp.port}` });
    } finally {
      await notifier.close();
    }
    expect(smtp.messages).toHaveLength(0);
  });

  it('delivers several messages sent at once, each exactly once', async () => {
    smtp = await startSmtpServer();
    const notifier = smtpNotifier({ url: smtp.url, from: FROM });
    const ids = Array.from({ length: 12 }, (_, i) => `survey-${i}`);
    try {
      await Promise.all(ids.map((id, i) => notifier.send(message({ messageId: id, to: `parent${i}@family.example` }))));
    } finally {
      await notifier.close();
    }
    // each send resolved on the server's 250 to its DATA, by which time the server had stored it
    expect(smtp.messages.map((m) => m.messageId).sort()).toEqual(ids.map((id) => `<${id}@ehc-hub>`).sort());
    expect(smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(ids.map((_, i) => `parent${i}@family.example`).sort());
  });

  it('refuses a message id that cannot be a Message-ID, before connecting', async () => {
    smtp = await startSmtpServer();
    const notifier = smtpNotifier({ url: smtp.url, from: FROM });
    try {
      await expect(notifier.send(message({ messageId: 'a b>\r\nBcc: x@y' }))).rejects.toThrow(/messageId must be/);
    } finally {
      await notifier.close();
    }
    expect(smtp.messages).toHaveLength(0);
  });

  it('refuses to send once closed', async () => {
    smtp = await startSmtpServer();
    const notifier = smtpNotifier({ url: smtp.url, from: FROM });
    await notifier.close();
    await expect(notifier.send(message())).rejects.toThrow(/closed/);
  });
});

describe('smtpNotifier, when the server cannot be reached', () => {
  // the jest timeouts guard against a hang (a pool retrying, a default two-minute timeout); they measure nothing
  it('rejects at once, naming host and port, when nothing listens there', async () => {
    const port = await closedPort();
    const notifier = smtpNotifier({ url: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 500 });
    try {
      const error = await notifier.send(message()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SmtpSendError);
      expect((error as Error).message).toMatch(new RegExp(`^SMTP 127\\.0\\.0\\.1:${port}: message .*: connection failed \\(.*ECONNREFUSED`));
      expect((error as SmtpSendError).permanent).toBe(false);
    } finally {
      await notifier.close();
    }
  }, 5000);

  it('gives up after timeoutMs on a server that accepts the connection but never greets', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const notifier = smtpNotifier({ url: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 300 });
    try {
      await expect(notifier.send(message())).rejects.toThrow(new RegExp(`^SMTP 127\\.0\\.0\\.1:${port}: .*no answer within 300 ms`));
    } finally {
      await notifier.close();
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 5000);
});
