/**
 * Themes of the free-text comments, for the workforce development days the findings feed (domain
 * §7): a keyword lexicon the local authority may replace with the `SURVEY_THEMES` setting. A keyword
 * is a whole word or phrase ("kept informed"); one ending in `*` is a stem ("communicat*" matches
 * communication, communicating). Matching ignores case.
 */
export type Lexicon = Readonly<Record<string, readonly string[]>>;

export const DEFAULT_LEXICON: Lexicon = Object.freeze({
  communication: ['communicat*', 'inform*', 'kept informed', 'update*', 'reply', 'replies', 'replied', 'respond*', 'response*',
    'email*', 'e-mail*', 'phone*', 'call back', 'called back', 'contact*', 'explain*', 'unclear', 'confus*', 'jargon'],
  timeliness: ['late', 'delay*', 'wait*', 'slow*', 'quick*', 'prompt*', 'deadline*', 'on time', 'timescale*', 'weeks', 'months',
    'took ages', 'too long', 'overdue', '20 weeks', 'twenty weeks'],
  'listened-to': ['listen*', 'heard', 'unheard', 'ignor*', 'views', 'my voice', 'our voice', 'involv*', 'consult*',
    'understood', 'dismiss*', 'took us seriously', 'taken seriously'],
  'staff-attitude': ['rude', 'kind*', 'helpful', 'unhelpful', 'friendly', 'polite', 'impolite', 'respect*', 'disrespect*',
    'caring', 'compassion*', 'patronis*', 'patroniz*', 'attitude', 'supportive', 'professional', 'unprofessional', 'empath*'],
  'school-placement': ['school*', 'placement*', 'setting*', 'college*', 'nursery', 'nurseries', 'academy', 'academies', 'special school',
    'mainstream', 'specialist provision', 'resource base', 'transport', 'place', 'named school', 'section i'],
  'health-and-therapies': ['therap*', 'speech and language', 'salt', 'occupational', 'physio*', 'camhs', 'paediatric*',
    'health', 'medical', 'diagnos*', 'nhs', 'psycholog*', 'mental health', 'sensory'],
  paperwork: ['paperwork', 'form*', 'document*', 'report*', 'plan was wrong', 'typo*', 'mistake*', 'error*', 'wording',
    'draft', 'copy and paste*', 'copied', 'portal', 'letter*', 'section*', 'outdated', 'out of date'],
});

const THEME_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const KEYWORD = /^[\p{L}\p{N}][\p{L}\p{N}'’ -]*\*?$/u;

/** The themes a comment touches, sorted and each once; none for an empty comment. */
export function themesOf(text: string | null | undefined, lexicon: Lexicon = DEFAULT_LEXICON): string[] {
  if (!text) return [];
  const matchers = compiled(lexicon);
  return Object.keys(matchers).filter((theme) => matchers[theme].test(text)).sort();
}

const cache = new WeakMap<Lexicon, Record<string, RegExp>>();

function compiled(lexicon: Lexicon): Record<string, RegExp> {
  let matchers = cache.get(lexicon);
  if (!matchers) {
    matchers = {};
    for (const [theme, keywords] of Object.entries(lexicon)) {
      if (keywords.length === 0) continue;
      matchers[theme] = new RegExp(`(?<![\\p{L}\\p{N}])(?:${keywords.map(keywordPattern).join('|')})`, 'iu');
    }
    cache.set(lexicon, matchers);
  }
  return matchers;
}

function keywordPattern(keyword: string): string {
  const stem = keyword.endsWith('*');
  const words = (stem ? keyword.slice(0, -1) : keyword).trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]"));
  return words.join('\\s+') + (stem ? '' : '(?![\\p{L}\\p{N}])');
}

/**
 * The `SURVEY_THEMES` setting: a JSON object of theme → keywords. Read at start-up, so a mistake
 * stops the service with a message naming the theme and the rule.
 */
export function parseLexicon(json: string): Record<string, string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`SURVEY_THEMES is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('SURVEY_THEMES must be a JSON object of theme names to keyword lists');
  }
  const lexicon: Record<string, string[]> = {};
  for (const [theme, keywords] of Object.entries(parsed)) {
    const fail = (rule: string): never => { throw new Error(`SURVEY_THEMES theme "${theme}": ${rule}`); };
    if (!THEME_NAME.test(theme)) fail('the name must be lower-case words joined by hyphens (e.g. "staff-attitude")');
    if (!Array.isArray(keywords) || keywords.length === 0) fail('keywords must be a non-empty array of strings');
    lexicon[theme] = (keywords as unknown[]).map((keyword, index) => {
      if (typeof keyword !== 'string' || keyword.trim() === '') fail(`keyword ${index} must be a non-empty string`);
      const k = (keyword as string).trim().toLowerCase();
      if (!KEYWORD.test(k)) fail(`keyword ${index} ("${k}") may hold only letters, digits, spaces, hyphens and apostrophes, with an optional * at the end for a stem`);
      if (k.replace(/\*$/, '').replace(/[\s'’-]/g, '').length < 2) fail(`keyword ${index} ("${k}") is too short to mean anything`);
      return k;
    });
  }
  if (Object.keys(lexicon).length === 0) throw new Error('SURVEY_THEMES must name at least one theme');
  return lexicon;
}
