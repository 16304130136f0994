import { ConfigError } from '@ehc/config';
import { DEFAULT_SMTP_FROM, readSmtpSettings } from './smtp-settings';

describe('readSmtpSettings', () => {
  it('is null when SMTP_URL is unset or empty: no SMTP configured', () => {
    expect(readSmtpSettings({})).toBeNull();
    expect(readSmtpSettings({ SMTP_URL: '', SMTP_FROM: 'x' })).toBeNull();
  });

  it('reads the URL, with the default sender and TLS not required', () => {
    expect(readSmtpSettings({ SMTP_URL: 'smtp://relay.council.example:587' }))
      .toEqual({ url: 'smtp://relay.council.example:587', from: DEFAULT_SMTP_FROM, requireTls: false });
    expect(DEFAULT_SMTP_FROM).toBe('EHC Hub <no-reply@ehc-hub.invalid>');
  });

  it('reads the sender and the TLS requirement', () => {
    expect(readSmtpSettings({ SMTP_URL: 'smtps://hub:s%40cret@relay.council.example', SMTP_FROM: 'SEND Service <send@council.example>', SMTP_REQUIRE_TLS: 'true' }))
      .toEqual({ url: 'smtps://hub:s%40cret@relay.council.example', from: 'SEND Service <send@council.example>', requireTls: true });
    expect(readSmtpSettings({ SMTP_URL: 'smtp://relay.example', SMTP_FROM: 'send@council.example', SMTP_REQUIRE_TLS: 'false' }))
      .toMatchObject({ from: 'send@council.example', requireTls: false });
  });

  it.each([
    ['not a URL', { SMTP_URL: 'relay example' }, /^SMTP_URL must be a URL of the form smtp:\/\//],
    ['another scheme', { SMTP_URL: 'http://relay.example' }, /^SMTP_URL must use smtp or smtps, got "http"/],
    ['a path', { SMTP_URL: 'smtp://relay.example/mail' }, /^SMTP_URL must be only .* without a path/],
    ['a user without a password', { SMTP_URL: 'smtp://hub@relay.example' }, /^SMTP_URL must give both a user and a password/],
    ['a bad port', { SMTP_URL: 'smtp://relay.example:99999' }, /^SMTP_URL must be a URL/],
    ['a sender that is no address', { SMTP_URL: 'smtp://relay.example', SMTP_FROM: 'EHC Hub' }, /^SMTP_FROM must be an e-mail address or "Name <address>"/],
    ['a sender over two lines', { SMTP_URL: 'smtp://relay.example', SMTP_FROM: 'a@b.example\r\nBcc: c@d.example' }, /^SMTP_FROM must be/],
    ['a TLS flag that is not true or false', { SMTP_URL: 'smtp://relay.example', SMTP_REQUIRE_TLS: 'yes' }, /^SMTP_REQUIRE_TLS must be true or false, got "yes"/],
  ])('refuses %s with a ConfigError naming the variable and the rule', (_, source, rule) => {
    expect(() => readSmtpSettings(source)).toThrow(ConfigError);
    expect(() => readSmtpSettings(source)).toThrow(rule);
  });

  it('never quotes the URL, which may hold a password', () => {
    expect(() => readSmtpSettings({ SMTP_URL: 'smtp://hub:hunter2@relay example' })).toThrow(/^(?!.*hunter2)/s);
    expect(() => readSmtpSettings({ SMTP_URL: 'smtp://hub:hunter2@relay.example/x' })).toThrow(/^(?!.*hunter2)/s);
  });
});
