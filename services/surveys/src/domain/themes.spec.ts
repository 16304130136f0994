import { DEFAULT_LEXICON, parseLexicon, themesOf } from './themes';

describe('themesOf with the default lexicon', () => {
  it.each([
    ['Nobody kept us informed and nobody replied to emails', ['communication']],
    ['The decision was LATE and we waited months', ['timeliness']],
    ['I did not feel listened to', ['listened-to']],
    ['The caseworker was rude', ['staff-attitude']],
    ['The caseworker was so kind', ['staff-attitude']],
    ['We still have no school place', ['school-placement']],
    ['No speech and language therapy in the plan', ['health-and-therapies']],
    ['Too much paperwork', ['paperwork']],
    ['Lots of delays, and the officer was unhelpful and never replied', ['communication', 'staff-attitude', 'timeliness']],
  ])('%s', (text, themes) => expect(themesOf(text, DEFAULT_LEXICON)).toEqual(themes));

  it('sorted and unique however often a theme is touched', () =>
    expect(themesOf('Late, late, delayed and slow. The school was late too.')).toEqual(['school-placement', 'timeliness']));

  it('whole words only: "plate" is not late, "salty" is not SALT', () =>
    expect(themesOf('A plate of salty chips')).toEqual([]));

  it('a stem matches its endings', () => {
    expect(themesOf('Communicating with them was hard')).toEqual(['communication']);
    expect(themesOf('They ignored us')).toEqual(['listened-to']);
  });

  it('a phrase matches across any spacing and case', () =>
    expect(themesOf('We were never\nKEPT   Informed')).toEqual(['communication']));

  it('nothing for no comment', () => {
    expect(themesOf(null)).toEqual([]);
    expect(themesOf('')).toEqual([]);
    expect(themesOf('Thank you')).toEqual([]);
  });

  it('every default theme has keywords that parse', () =>
    expect(parseLexicon(JSON.stringify(DEFAULT_LEXICON))).toEqual(DEFAULT_LEXICON));
});

describe('a configured lexicon', () => {
  const lexicon = parseLexicon(JSON.stringify({ transport: ['Taxi', 'bus*', 'escort'], 'personal-budget': ['personal budget', 'direct payment*'] }));

  it('replaces the default', () => {
    expect(themesOf('The taxi never came; the school was far', lexicon)).toEqual(['transport']);
    expect(themesOf('Direct payments were late; buses too', lexicon)).toEqual(['personal-budget', 'transport']);
  });

  it('keeps apostrophes either way round', () =>
    expect(themesOf('They didn’t listen', parseLexicon('{"listened-to": ["didn\'t listen"]}'))).toEqual(['listened-to']));

  it('a keyword with regular-expression characters is refused, not run', () =>
    expect(() => parseLexicon('{"x": ["a(b"]}')).toThrow(/theme "x": keyword 0 \("a\(b"\) may hold only letters/));
});

describe('parseLexicon (the SURVEY_THEMES setting)', () => {
  it.each([
    ['not JSON', '{', /SURVEY_THEMES is not valid JSON/],
    ['an array', '[]', /must be a JSON object/],
    ['no themes', '{}', /at least one theme/],
    ['a bad theme name', '{"Staff Attitude": ["rude"]}', /theme "Staff Attitude": the name must be lower-case words joined by hyphens/],
    ['no keywords', '{"timeliness": []}', /theme "timeliness": keywords must be a non-empty array of strings/],
    ['keywords not an array', '{"timeliness": "late"}', /theme "timeliness": keywords must be a non-empty array/],
    ['an empty keyword', '{"timeliness": ["late", " "]}', /theme "timeliness": keyword 1 must be a non-empty string/],
    ['a number for a keyword', '{"timeliness": [3]}', /theme "timeliness": keyword 0 must be a non-empty string/],
    ['a star in the middle', '{"timeliness": ["de*lay"]}', /theme "timeliness": keyword 0 \("de\*lay"\) may hold only/],
    ['a one-letter stem', '{"timeliness": ["a*"]}', /theme "timeliness": keyword 0 \("a\*"\) is too short/],
  ])('refuses %s, naming the theme and the rule', (_name, json, message) => expect(() => parseLexicon(json)).toThrow(message));

  it('trims and lower-cases keywords', () =>
    expect(parseLexicon('{"timeliness": [" Late ", "Delay*"]}')).toEqual({ timeliness: ['late', 'delay*'] }));
});
