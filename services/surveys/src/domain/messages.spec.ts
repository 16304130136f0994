import { DEFAULT_MESSAGE_TEMPLATES, readMessageTemplates, renderTemplate, stageOf, templatesFor } from './messages';

describe('an invitation\'s message', () => {
  it('names the stage and holds the link and the last day: nothing of the child or the case', () => {
    const { subject, text } = renderTemplate(templatesFor(DEFAULT_MESSAGE_TEMPLATES, 'final-plan').invitation,
      { stage: stageOf('final-plan'), link: 'https://hub.example/s/abc.def', lastDay: '29 March 2027' });
    expect(subject).toBe('Tell us what you think about the final EHC plan');
    expect(text).toContain('https://hub.example/s/abc.def');
    expect(text).toContain('29 March 2027');
    expect(text).not.toMatch(/\{\{/);
  });

  it('falls back to words for a letter kind it does not know, and to the default template', () => {
    expect(stageOf('a-new-letter')).toBe('your recent letter from the SEND team');
    expect(templatesFor(DEFAULT_MESSAGE_TEMPLATES, 'a-new-letter')).toBe(DEFAULT_MESSAGE_TEMPLATES.default);
  });

  it('refuses a configured template that is malformed, has no link, an unknown placeholder, or a subject of two lines', () => {
    expect(() => readMessageTemplates('[]')).toThrow(/JSON object/);
    expect(() => readMessageTemplates('{"default":{"invitation":{"subject":"","text":"{{link}}"}}}')).toThrow(/default.invitation.subject/);
    expect(() => readMessageTemplates('{"default":{"invitation":{"subject":"S","text":"{{link}}"},"reminder":{"subject":"S","text":"{{ dob }} {{link}}"}}}')).toThrow(/unknown placeholder \{\{dob\}\}/);
    expect(() => readMessageTemplates('{"default":{"invitation":{"subject":"S\\nT","text":"{{link}}"},"reminder":{"subject":"S","text":"{{link}}"}}}')).toThrow(/one line/);
  });
});
