import { DOMAINS, profileChart, profileTable } from './valuing-send';

const profile = { profileId: 'profile-1', ratedOn: '2026-01-05', context: 'request', needs: [4, 3, 2, 3, 4], settingReadiness: [2, 2, 3, 3, 2], familyConfidence: [3, 3, 3, 2, 1] };

describe('the Valuing SEND chart', () => {
  it('draws the three lines across the five domains as SVG, with a title and a legend', async () => {
    const svg = await profileChart(profile, 'Profile of 5 January 2026');
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script/i);
    for (const text of ['Profile of 5 January 2026', 'Needs', 'Setting readiness', 'Family confidence']) expect(svg).toContain(text);
    // the three series in their colours
    for (const colour of ['#1d70b8', '#00703c', '#d53880']) expect(svg.toLowerCase()).toContain(colour);
  });

  it('puts the same numbers in a table, a domain per row', () => {
    const table = profileTable(profile);
    expect(table.lines).toEqual(['Needs', 'Setting readiness', 'Family confidence']);
    expect(table.rows).toHaveLength(5);
    expect(table.rows[0]).toEqual({ domain: DOMAINS[0], ratings: [4, 2, 3] });
    expect(table.rows[4]).toEqual({ domain: 'Independence', ratings: [4, 2, 1] });
  });
});
