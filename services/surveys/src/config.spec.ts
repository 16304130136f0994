import { ConfigError } from '@ehc/config';
import { surveysSettings } from './config';

describe('the surveys settings', () => {
  it('default to the reference\'s triggers, 28-day links, a reminder after 14 days, a 90-day quiet period and the outbox', () => {
    const s = surveysSettings({ PORT: '3000' });
    expect(s).toMatchObject({ linkDays: 28, reminderDays: 14, quietPeriodDays: 90, smtp: null, linkSecret: null, linkBaseUrl: 'http://localhost:3000', sweepSeconds: 60 });
    expect(s.triggers.find((t) => t.letterKind === 'final-plan')).toMatchObject({ trigger: 'final-plan', respondent: 'rights-holder' });
  });

  it('take the links from SURVEY_LINK_BASE_URL, else PUBLIC_URL', () => {
    expect(surveysSettings({ PUBLIC_URL: 'https://hub.council.gov.uk/' }).linkBaseUrl).toBe('https://hub.council.gov.uk');
    expect(surveysSettings({ PUBLIC_URL: 'https://hub.council.gov.uk', SURVEY_LINK_BASE_URL: 'https://surveys.council.gov.uk' }).linkBaseUrl).toBe('https://surveys.council.gov.uk');
  });

  it('refuse at start, naming the setting: a short secret, a bad trigger table, a template without its link, days out of range', () => {
    expect(() => surveysSettings({ SURVEY_LINK_SECRET: 'short' })).toThrow(/SURVEY_LINK_SECRET/);
    expect(() => surveysSettings({ SURVEY_TRIGGERS: '[{"service":"funding"}]' })).toThrow(ConfigError);
    expect(() => surveysSettings({ SURVEY_TRIGGERS: '[{"service":"funding"}]' })).toThrow(/SURVEY_TRIGGERS/);
    expect(() => surveysSettings({ SURVEY_MESSAGE_TEMPLATES: '{"final-plan":{"invitation":{"subject":"Hi","text":"no link"},"reminder":{"subject":"Hi","text":"{{link}}"}}}' }))
      .toThrow(/SURVEY_MESSAGE_TEMPLATES: final-plan.invitation.text must hold \{\{link\}\}/);
    expect(() => surveysSettings({ SURVEY_MESSAGE_TEMPLATES: '{"default":{"invitation":{"subject":"{{childName}}","text":"{{link}}"},"reminder":{"subject":"Hi","text":"{{link}}"}}}' }))
      .toThrow(/unknown placeholder \{\{childName\}\}/);
    expect(() => surveysSettings({ SURVEY_LINK_DAYS: '0' })).toThrow(/SURVEY_LINK_DAYS/);
  });

  it('take a template per letter kind, the rest from the default', () => {
    const s = surveysSettings({ SURVEY_MESSAGE_TEMPLATES: '{"final-plan":{"invitation":{"subject":"Your plan: {{stage}}","text":"Go to {{link}} by {{lastDay}}"},"reminder":{"subject":"Again","text":"{{link}}"}}}' });
    expect(s.templates['final-plan'].invitation.subject).toBe('Your plan: {{stage}}');
    expect(s.templates.default.invitation.text).toContain('{{link}}');
  });
});
