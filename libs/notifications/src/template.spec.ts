import { checkTemplate, escapeHtml, renderMessageTemplate } from './template';

describe('renderMessageTemplate', () => {
  it('fills each {{name}} placeholder, as often as it appears', () => {
    expect(renderMessageTemplate('Dear {{parentName}}, tell us about {{ childName }}: {{link}} ({{parentName}})',
      { parentName: 'Renée', childName: 'Chloé', link: 'https://hub.example/s/abc_DEF-123' }))
      .toBe('Dear Renée, tell us about Chloé: https://hub.example/s/abc_DEF-123 (Renée)');
  });

  it('inserts values as they are, without filling a placeholder inside a value', () => {
    expect(renderMessageTemplate('Hello {{name}}', { name: '{{link}} & <b>' })).toBe('Hello {{link}} & <b>');
  });

  it('ignores values the template does not use', () => {
    expect(renderMessageTemplate('No placeholders', { link: 'x' })).toBe('No placeholders');
  });

  it('throws, naming it, on a placeholder without a value rather than send it half filled', () => {
    expect(() => renderMessageTemplate('Dear {{parentName}}, {{link}}', { parentName: 'Renée' })).toThrow(/unknown placeholder \{\{link\}\}/);
  });

  it('throws on a malformed placeholder', () => {
    expect(() => renderMessageTemplate('Dear {{parent name}}', { parent: 'x' })).toThrow(/malformed placeholder/);
    expect(() => renderMessageTemplate('Dear {{parentName', { parentName: 'x' })).toThrow(/malformed placeholder/);
  });
});

describe('checkTemplate', () => {
  const allowed = ['parentName', 'childName', 'link'];

  it('accepts a template that uses only the allowed placeholders', () => {
    expect(() => checkTemplate('Dear {{parentName}}, {{link}}', allowed)).not.toThrow();
  });

  it('refuses an unknown placeholder at start-up, naming it and the allowed ones', () => {
    expect(() => checkTemplate('Dear {{parentName}}, {{surveyUrl}} {{name}}', allowed))
      .toThrow('template uses unknown placeholders {{surveyUrl}}, {{name}} (allowed: {{parentName}}, {{childName}}, {{link}})');
  });

  it('refuses a stray brace pair', () => {
    expect(() => checkTemplate('Dear }}parentName{{', allowed)).toThrow(/malformed placeholder/);
  });
});

describe('escapeHtml', () => {
  it('makes typed text inert in the html part', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});
