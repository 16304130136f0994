import { authenticatorCode } from './provider-sign-in';

describe('the test authenticator', () => {
  // RFC 6238 appendix B, SHA-1 key "12345678901234567890": the 8-digit codes' last 6 digits
  it.each([[59, '287082'], [1111111109, '081804'], [1234567890, '005924'], [2000000000, '279037']])('gives the RFC 6238 code at %d s', (seconds, code) => {
    expect(authenticatorCode(Buffer.from('12345678901234567890'), Math.floor(seconds / 30))).toBe(code);
  });
});
