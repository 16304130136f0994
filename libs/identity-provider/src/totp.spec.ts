import { base32Decode, base32Encode, hotp, otpauthUri, totp, verifyTotp } from './totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", 8 digits, 30 s steps
const seed = Buffer.from('12345678901234567890', 'ascii');
const vectors: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe('TOTP (RFC 6238, SHA-1, 30-second steps)', () => {
  it.each(vectors)('at %i s gives %s (RFC 6238 Appendix B)', (seconds, code) => {
    expect(totp(seed, at(seconds), { digits: 8 })).toBe(code);
  });

  it('matches HOTP (RFC 4226 Appendix D) for counters 0 to 2', () => {
    expect([0, 1, 2].map((c) => hotp(seed, c))).toEqual(['755224', '287082', '359152']);
  });

  it('accepts the code of the step before and after (±30 s drift), not two steps away', () => {
    const now = at(1111111111);
    const step = Math.floor(1111111111 / 30);
    for (const drift of [-1, 0, 1]) {
      const code = totp(seed, at(1111111111 + drift * 30));
      expect(verifyTotp(seed, code, now)).toBe(step + drift);
    }
    for (const drift of [-2, 2]) expect(verifyTotp(seed, totp(seed, at(1111111111 + drift * 30)), now)).toBeNull();
  });

  it('refuses what is not a code of the right length, and a wrong code', () => {
    const now = at(1234567890);
    const good = totp(seed, now);
    expect(verifyTotp(seed, good, now)).not.toBeNull();
    expect(verifyTotp(seed, ` ${good.slice(0, 3)} ${good.slice(3)} `, now)).not.toBeNull();
    expect(verifyTotp(seed, good.slice(1), now)).toBeNull();
    expect(verifyTotp(seed, 'abcdef', now)).toBeNull();
    expect(verifyTotp(seed, String((Number(good) + 1) % 1_000_000).padStart(6, '0'), now)).toBeNull();
  });

  it('reads the time from the clock it is given, nothing else', () => {
    const code = totp(seed, at(59), { digits: 8 });
    expect(verifyTotp(seed, code, at(59), { digits: 8 })).toBe(1);
    expect(verifyTotp(seed, code, at(59 + 3600), { digits: 8 })).toBeNull();
  });

  it('writes and reads base32 (RFC 4648 test vectors, unpadded)', () => {
    const cases: Array<[string, string]> = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [text, encoded] of cases) {
      expect(base32Encode(Buffer.from(text))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(text);
    }
    expect(base32Encode(seed)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('writes the otpauth:// URI an authenticator app reads', () => {
    expect(otpauthUri(seed, 'asha', 'EHC Hub')).toBe('otpauth://totp/EHC%20Hub:asha?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=EHC+Hub&algorithm=SHA1&digits=6&period=30');
  });
});
