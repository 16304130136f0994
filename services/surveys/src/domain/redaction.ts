/**
 * Free text from a survey is read by staff and quoted in reports and at workforce development
 * days (domain §7), so it is stripped of what identifies a family before it is stored: e-mail
 * addresses, phone numbers, the names the case knows, and words that look like names. It errs
 * towards removing too much: a lost place name costs less than a child's name in a slide deck.
 */

export const EMAIL_REMOVED = '[email removed]';
export const PHONE_REMOVED = '[phone removed]';
export const NAME_REMOVED = '[name removed]';

export interface RedactionOptions {
  /** Names on the case (child, parents, caseworker): given and family names, or whole names. */
  knownNames?: readonly string[];
}

export function redact(text: string, options: RedactionOptions = {}): string {
  let out = text.replace(EMAIL, EMAIL_REMOVED);
  out = out.replace(PHONE_CANDIDATE, (match) => (isUkPhone(match) ? PHONE_REMOVED : match));
  out = redactKnownNames(out, options.knownNames ?? []);
  out = out.replace(AFTER_CUE, (match, cue: string, gap: string, first: string, rest: string) => {
    const [name, tail] = splitPossessive(first);
    if (isStopWord(name)) return match;
    const [second, secondTail] = splitPossessive(rest.trimStart());
    // "Mrs Jane Smith" is one name; "my son Jack's School" is a name and the word after it
    if (rest && tail === '' && !isStopWord(second)) return `${cue}${gap}${NAME_REMOVED}${secondTail}`;
    return `${cue}${gap}${NAME_REMOVED}${tail}${rest}`;
  });
  return redactNamePairs(out);
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// +44 7700 900123, +44 (0)20 7946 0018, (01632) 960 001, 020-7946-0018, 07700900123: a prefix, then
// 9 or 10 more digits with at most two spaces, dashes or brackets between them
const PHONE_CANDIDATE = /(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)(?:[\s\-()]{0,2}\d){9,10}(?![\d])/g;

/** A UK mobile (07) or geographic or non-geographic landline (01, 02, 03) number, 10 or 11 digits as dialled at home. */
function isUkPhone(candidate: string): boolean {
  let digits = candidate.replace(/\D/g, '');
  if (candidate.startsWith('+44')) digits = digits.slice(2).replace(/^0?/, '0');
  return /^0[1237]\d{8,9}$/.test(digits);
}

const LETTER = '\\p{L}\\p{N}';

function redactKnownNames(text: string, knownNames: readonly string[]): string {
  const whole = knownNames.map((n) => n.trim().replace(/\s+/g, ' ')).filter((n) => n.length > 1);
  const parts = whole.flatMap((n) => n.split(' ')).filter((n) => n.length > 1);
  // the whole name first, so "Amelia Hughes" becomes one marker, not two
  const names = [...new Set([...whole, ...parts])].sort((a, b) => b.length - a.length);
  if (names.length === 0) return text;
  const alternatives = names.map((n) => n.split(' ').map(escapeRegExp).join('\\s+')).join('|');
  return text.replace(new RegExp(`(?<![${LETTER}])(?:${alternatives})(?![${LETTER}])`, 'giu'), NAME_REMOVED);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A capitalised word: Jack, O'Brien, McDonald, Smith-Jones (not EHC, not SENDIASS)
const NAME = "\\p{Lu}(?:\\p{Ll}|['’]\\p{Lu})[\\p{L}'’-]*";
const CUES = [
  '(?:[Mm]y|[Oo]ur)\\s+(?:(?:foster|step|grand)\\s*)?(?:son|daughter|child|boy|girl|grandson|granddaughter|grandchild)',
  '[Cc]alled', '[Nn]amed', 'Mrs', 'Mr', 'Ms', 'Miss', 'Mx', 'Dr',
];
const AFTER_CUE = new RegExp(`(?<![\\p{L}])(${CUES.join('|')})(\\.?,?\\s+)(${NAME})((?: ${NAME})?)`, 'gu');

/** "Jack's" → ["Jack", "'s"]. */
function splitPossessive(word: string): [string, string] {
  const m = /^(.*?)(['’]s)?$/u.exec(word)!;
  return [m[1], m[2] ?? ''];
}

const TOKEN = /\p{L}[\p{L}'’-]*/gu;
const TITLE_CASE = /^\p{Lu}(?:\p{Ll}|['’]\p{Lu})\p{Ll}*(?:[-'’]\p{Lu}\p{Ll}+)?$/u;

/**
 * Two or three title-case words in a row, not opening a sentence ("I spoke to Jane Smith at the
 * school"), none of them a word that is capitalised for another reason (a month, "Annual Review").
 */
function redactNamePairs(text: string): string {
  const tokens = [...text.matchAll(TOKEN)].map((m) => {
    const [word, possessive] = splitPossessive(m[0]);
    return { start: m.index, end: m.index + word.length, word, possessive };
  });
  const isName = (i: number) => i < tokens.length && TITLE_CASE.test(tokens[i].word) && !isStopWord(tokens[i].word);
  const joined = (i: number) => tokens[i].possessive === '' && text.slice(tokens[i].end, tokens[i + 1].start) === ' ';
  const spans: [number, number][] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!isName(i) || !joined(i) || !isName(i + 1)) continue;
    const before = text.slice(i === 0 ? 0 : tokens[i - 1].end, tokens[i].start);
    const sentenceStart = i === 0 || /[.!?\n]/.test(before) || text.slice(0, tokens[i].start).trim() === '';
    if (sentenceStart) continue;
    let last = i + 1;
    if (last + 1 < tokens.length && joined(last) && isName(last + 1)) last++;
    spans.push([tokens[i].start, tokens[last].end]);
    i = last;
  }
  let out = text;
  for (const [start, end] of spans.reverse()) out = out.slice(0, start) + NAME_REMOVED + out.slice(end);
  return out;
}

function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase().replace(/’/g, "'"));
}

/** Words capitalised for reasons other than being a person's name. Keep it small and obvious. */
const STOP_WORDS = new Set([
  // the start of a clause, greetings, pronouns
  'i', "i'm", "i've", "i'd", "i'll", 'the', 'a', 'an', 'my', 'our', 'we', 'he', 'she', 'they', 'it', 'this', 'that',
  'his', 'her', 'their', 'you', 'your', 'yes', 'no', 'not', 'and', 'but', 'or', 'so', 'then', 'thank', 'thanks',
  'please', 'dear', 'hi', 'hello', 'all', 'very', 'also', 'when', 'what', 'why', 'how', 'who', 'if', 'in', 'on', 'at',
  'to', 'of', 'for', 'with', 'as', 'by', 'from', 'after', 'before', 'since', 'overall', 'sir', 'madam', 'ok', 'okay',
  // the calendar
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'christmas', 'easter', 'summer', 'autumn', 'spring', 'winter', 'term', 'half', 'year', 'reception', 'holiday', 'holidays',
  // SEND casework's own capitalised words
  'ehc', 'plan', 'plans', 'education', 'educational', 'health', 'care', 'needs', 'need', 'assessment', 'annual', 'review',
  'special', 'school', 'schools', 'primary', 'secondary', 'academy', 'college', 'nursery', 'local', 'authority',
  'council', 'county', 'team', 'officer', 'coordinator', 'co-ordinator', 'case', 'worker', 'social', 'services', 'service',
  'speech', 'language', 'therapy', 'therapist', 'therapists', 'occupational', 'physiotherapy', 'physiotherapist',
  'psychologist', 'psychology', 'paediatrician', 'doctor', 'nurse', 'mental', 'tribunal', 'mediation', 'panel',
  'parent', 'parents', 'carer', 'carers', 'forum', 'support', 'hub', 'head', 'headteacher', 'teacher', 'teachers',
  'teaching', 'assistant', 'department', 'hospital', 'clinic', 'centre', 'unit', 'base', 'resource', 'transport',
  'child', 'children', 'young', 'person', 'people', 'family', 'families', 'voice', 'independent', 'provider', 'setting',
  'section', 'appendix', 'final', 'draft', 'decision', 'letter', 'english', 'maths', 'science', 'autism', 'autistic',
  'syndrome', 'personal', 'budget', 'first-tier', 'portal', 'email', 'e-mail', 'phone', 'teams', 'zoom', 'google',
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr',
]);
