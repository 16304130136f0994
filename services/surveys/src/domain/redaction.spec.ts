import { redact } from './redaction';

describe('redact', () => {
  describe('e-mail addresses', () => {
    it.each([
      ['Email me at jane.smith+ehc@example.co.uk please', 'Email me at [email removed] please'],
      ['j_smith@mail.com.', '[email removed].'],
      ['(contact: A.B-C@sub.domain.org)', '(contact: [email removed])'],
    ])('%s', (text, expected) => expect(redact(text)).toBe(expected));

    it.each(['an @ sign on its own', 'rated it 5@home', 'user@localhost'])('leaves %s', (text) => expect(redact(text)).toBe(text));
  });

  describe('UK phone numbers', () => {
    it.each([
      ['Call me on 07700 900123.', 'Call me on [phone removed].'],
      ['Call me on 07700900123', 'Call me on [phone removed]'],
      ['mobile 07700-900-123 any time', 'mobile [phone removed] any time'],
      ['ring +44 7700 900123', 'ring [phone removed]'],
      ['ring +447700900123', 'ring [phone removed]'],
      ['ring +44 (0)7700 900123', 'ring [phone removed]'],
      ['office 020 7946 0018 or', 'office [phone removed] or'],
      ['office (01632) 960001', 'office [phone removed]'],
      ['office 01632 960 001', 'office [phone removed]'],
      ['helpline 0300 123 4567', 'helpline [phone removed]'],
      ['landline 0113-496-0000', 'landline [phone removed]'],
    ])('%s', (text, expected) => expect(redact(text)).toBe(expected));

    it.each([
      'The meeting was on 03-02-2026.',
      'We waited 20 weeks and 3 days',
      'Reference 2026-000123',
      'Case EHC0123456789 was slow',
      'Call 0800 123 4567 (freephone, not 01/02/03/07)',
      'score 0 1 2 3 4 5',
      '123 456 7890',
    ])('leaves %s', (text) => expect(redact(text)).toBe(text));
  });

  describe('known names', () => {
    const knownNames = ['Amelia Hughes', 'Tomasz', 'Kowalski'];
    it.each([
      ['Amelia Hughes loves her new school', '[name removed] loves her new school'],
      ['amelia is doing well and HUGHES family thanks you', '[name removed] is doing well and [name removed] family thanks you'],
      ["Amelia's plan was late", "[name removed]'s plan was late"],
      ['Tomasz Kowalski was great', '[name removed] [name removed] was great'],
      ['Our caseworker (Hughes) called', 'Our caseworker ([name removed]) called'],
    ])('%s', (text, expected) => expect(redact(text, { knownNames })).toBe(expected));

    it('only whole words', () =>
      expect(redact('Ameliaration? Hughesville and Tomaszewski are not names on the case', { knownNames })).toBe('Ameliaration? Hughesville and Tomaszewski are not names on the case'));

    it('a name with regular-expression characters is matched literally', () =>
      expect(redact('thanks to J.R. and JxR', { knownNames: ['J.R.'] })).toBe('thanks to [name removed] and JxR'));

    it('ignores empty and one-letter names', () => expect(redact('a b c', { knownNames: ['', ' ', 'a'] })).toBe('a b c'));
  });

  describe('likely names', () => {
    it.each([
      ['I think my son Jack was not listened to', 'I think my son [name removed] was not listened to'],
      ['My daughter, Poppy, loves it', 'My daughter, [name removed], loves it'],
      ["my child Leo's needs were ignored", "my child [name removed]'s needs were ignored"],
      ['our son Oliver Brown has autism', 'our son [name removed] has autism'],
      ['a lady called Sandra rang', 'a lady called [name removed] rang'],
      ['the officer named Priya was kind', 'the officer named [name removed] was kind'],
      ['Mrs Patel was brilliant', 'Mrs [name removed] was brilliant'],
      ['Mr. Jones never replied', 'Mr. [name removed] never replied'],
      ['Thanks to Dr Okafor and Ms Jane Smith', 'Thanks to Dr [name removed] and Ms [name removed]'],
      ['I spoke to Sarah Connor at the council', 'I spoke to [name removed] at the council'],
      ['We met Mary Jane Watson twice', 'We met [name removed] twice'],
      ['the caseworker Sean O\'Brien was helpful', "the caseworker [name removed] was helpful"],
      ['Ask Anna Smith-Jones about it', 'Ask [name removed] about it'],
    ])('%s', (text, expected) => expect(redact(text)).toBe(expected));

    it.each([
      'The EHC Plan was late.',
      'Jack Smith could not know this: a name opening the text is left, like any first word.',
      'It was fine. Thank You for asking.',
      'The Annual Review meeting was in March.',
      'We waited from Monday to Friday and then until January.',
      'I feel that I was not listened to',
      'The Local Authority and the Speech Therapy Team were slow',
      'My son is autistic and my daughter has ADHD',
      'I called SENDIASS and the school called Monday',
      'The SENCO at Reception Year was great',
      'my son, aged 9, is happier',
      'Mr and Mrs were on the letter',
      'Educational Psychologist advice was missing',
      'We moved in September. Then Christmas came.',
    ])('leaves %s', (text) => expect(redact(text)).toBe(text));

    it('a pair at the start of a later sentence is left, one mid-sentence is not', () =>
      expect(redact('It was slow. Jane Doe said sorry, and then Jane Doe left.')).toBe('It was slow. Jane Doe said sorry, and then [name removed] left.'));
  });

  it('does all of it at once and leaves the rest of the text alone', () =>
    expect(redact('My son Jack Hughes (jack@x.com, 07700 900123) felt unheard; thanks to Mrs Ali.\nBest, Ruth', { knownNames: ['Ruth'] }))
      .toBe('My son [name removed] ([email removed], [phone removed]) felt unheard; thanks to Mrs [name removed].\nBest, [name removed]'));

  it('empty text stays empty', () => expect(redact('')).toBe(''));
});
