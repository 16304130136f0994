import { SurveyLinks } from './links';

describe('survey links', () => {
  const links = new SurveyLinks('https://hub.example', Buffer.from('a-secret-of-at-least-thirty-two-characters'));
  const ID = '0b7c3a52-54a3-4b87-9e1f-2f7f4d6c1a10';

  it('name their invitation, and nothing else reads as a token', () => {
    const token = links.tokenOf(ID);
    expect(links.invitationOf(token)).toBe(ID);
    expect(links.linkOf(ID)).toBe(`https://hub.example/s/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
  });

  it('read a tampered token as unknown: any character changed, the MAC of another id, another secret', () => {
    const token = links.tokenOf(ID);
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(links.invitationOf(changed)).toBeNull();
    }
    const other = links.tokenOf('1b7c3a52-54a3-4b87-9e1f-2f7f4d6c1a10');
    expect(links.invitationOf(`${token.split('.')[0]}.${other.split('.')[1]}`)).toBeNull();
    expect(new SurveyLinks('', Buffer.from('another-secret-of-at-least-thirty-two-chars')).invitationOf(token)).toBeNull();
    expect(links.invitationOf('')).toBeNull();
    expect(links.invitationOf('../../etc/passwd')).toBeNull();
  });
});
