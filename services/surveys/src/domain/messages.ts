/*
 * What an invitation's e-mail says: the stage it is about and the link, never the child's name or
 * any detail of the case (the message may be read on a shared device or forwarded). Templates are
 * configurable per letter kind (SURVEY_MESSAGE_TEMPLATES), with `default` for the rest.
 */

export interface MessageTemplate {
  subject: string;
  text: string;
}

export type MessageTemplates = Readonly<Record<string, { invitation: MessageTemplate; reminder: MessageTemplate }>>;

/** The placeholders a template may use. */
export const TEMPLATE_PLACEHOLDERS = ['stage', 'link', 'lastDay'] as const;

/** The stage a letter kind is about, in words a family knows (no detail of the case). */
export const STAGE_OF_LETTER: Readonly<Record<string, string>> = {
  'decision-to-assess': 'the decision to carry out an EHC needs assessment',
  'refusal-to-assess': 'the decision about an EHC needs assessment',
  'decision-not-to-issue': 'the decision about an EHC plan after the assessment',
  'final-plan': 'the final EHC plan',
  'decision-to-maintain': 'the annual review of an EHC plan',
  'decision-to-amend': 'the annual review of an EHC plan',
  'amended-plan': 'the amended EHC plan',
  'decision-not-to-amend': 'the annual review of an EHC plan',
  'compliance-confirmed': 'resolving a disagreement about an EHC plan',
};

export const stageOf = (letterKind: string): string => STAGE_OF_LETTER[letterKind] ?? 'your recent letter from the SEND team';

const INVITATION: MessageTemplate = {
  subject: 'Tell us what you think about {{stage}}',
  text: [
    'Hello,',
    '',
    'You recently had a letter from the SEND team about {{stage}}.',
    'We would like to know how it went for you. The survey takes about 3 minutes and you do not need an account:',
    '',
    '{{link}}',
    '',
    'The link works until {{lastDay}}. Your answers help us improve how we work with families.',
    'If you do not want any more surveys, you can say so on the survey page.',
    '',
    'SEND team',
  ].join('\n'),
};

const REMINDER: MessageTemplate = {
  subject: 'Reminder: tell us what you think about {{stage}}',
  text: [
    'Hello,',
    '',
    'A few days ago we asked what you think about {{stage}}. If you have a moment, the survey is here:',
    '',
    '{{link}}',
    '',
    'The link works until {{lastDay}}. This is the only reminder we will send.',
    '',
    'SEND team',
  ].join('\n'),
};

export const DEFAULT_MESSAGE_TEMPLATES: MessageTemplates = { default: { invitation: INVITATION, reminder: REMINDER } };

export const templatesFor = (templates: MessageTemplates, letterKind: string) => templates[letterKind] ?? templates.default ?? DEFAULT_MESSAGE_TEMPLATES.default;

/**
 * SURVEY_MESSAGE_TEMPLATES: `{ "<letter kind>|default": { "invitation": { "subject", "text" }, "reminder": { … } } }`.
 * Each must hold `{{link}}` (a message without its link is no invitation); only the known placeholders.
 */
export function readMessageTemplates(json: string): MessageTemplates {
  const raw = JSON.parse(json) as unknown;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('must be a JSON object of letter kinds (or "default")');
  const out: Record<string, { invitation: MessageTemplate; reminder: MessageTemplate }> = { ...DEFAULT_MESSAGE_TEMPLATES };
  for (const [kind, value] of Object.entries(raw as Record<string, unknown>)) {
    const pair = value as Record<string, unknown> | null;
    out[kind] = { invitation: template(pair?.invitation, `${kind}.invitation`), reminder: template(pair?.reminder, `${kind}.reminder`) };
  }
  return out;
}

function template(value: unknown, at: string): MessageTemplate {
  const t = value as Partial<MessageTemplate> | null | undefined;
  if (typeof t?.subject !== 'string' || !t.subject.trim()) throw new Error(`${at}.subject must be non-empty text`);
  if (typeof t.text !== 'string' || !t.text.trim()) throw new Error(`${at}.text must be non-empty text`);
  if (!t.text.includes('{{link}}')) throw new Error(`${at}.text must hold {{link}}`);
  for (const [, name] of `${t.subject}\n${t.text}`.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) throw new Error(`${at}: unknown placeholder {{${name}}} (allowed: ${TEMPLATE_PLACEHOLDERS.join(', ')})`);
  }
  if (/\n/.test(t.subject)) throw new Error(`${at}.subject must be one line`);
  return { subject: t.subject, text: t.text };
}

/** The message's words with its placeholders filled. */
export function renderTemplate(template: MessageTemplate, values: Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>): MessageTemplate {
  const fill = (s: string) => s.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (_m, name: keyof typeof values) => values[name]);
  return { subject: fill(template.subject), text: fill(template.text) };
}
