import request from 'supertest';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';
import { fundingService } from '../../services/funding/src/service';

const MATRIX = [
  'band,setting_type,annual_pounds,valid_from',
  'C,mainstream,12000,2026-04-01',
  'D,mainstream,15500,2026-04-01',
  'C,mainstream,12360,2027-04-01',
  'S2,special,21000.50,2026-04-01',
].join('\n');

/** A funding officer's work over HTTP, embedded mode, real PostgreSQL: the matrix, the tray filled by a final plan, the top-up and its changes. */
describe('funding over HTTP', () => {
  // "today" for every answer below: the tests give the same result on any day they are run
  const clock = fixedClock('2026-11-30T12:00:00Z');
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let caseworker: request.Agent;
  let officer: request.Agent;

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService, annualReviewService, fundingService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    caseworker = await tokens.as(host.url, CALLERS.dutyOfficer);
    officer = await tokens.as(host.url, CALLERS.fundingOfficer);
    await officer.post('/funding/bands').set('content-type', 'text/csv').send(MATRIX).expect(200);
  });
  afterAll(() => host.stop());

  const funding = () => host.runtimes.find((r) => r.service === 'funding')!;
  const eventCount = async () => (await funding().store.readAll({ maxCount: 1_000_000 })).events.length;
  const finalPlan = async (receivedOn: string, draftOn: string, issuedOn: string, school = { urn: '120345', name: 'Lincoln Castle Academy' }) => {
    const { id } = (await caseworker.post('/needs-assessments').send({
      child: { givenName: 'Nia', familyName: 'Cole', dateOfBirth: '2019-01-20' }, requestedBy: 'parent', receivedOn,
    }).expect(201)).body;
    await caseworker.post(`/needs-assessments/${id}/decide-to-assess`).send({ on: receivedOn }).expect(200);
    await caseworker.post(`/needs-assessments/${id}/issue-draft-plan`).send({ on: draftOn }).expect(200);
    await caseworker.post(`/needs-assessments/${id}/issue-final-plan`).send({ on: issuedOn, namedSetting: school }).expect(200);
    return (id as string).replace(/^ehcna-/, '');
  };
  const inTray = async (planId: string) => {
    for (let i = 0; i < 100; i++) {
      const tray = (await officer.get('/funding/plans').query({ tray: 'awaiting-funding' }).expect(200)).body;
      const item = tray.items.find((p: { planId: string }) => p.planId === planId);
      if (item) return item;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`plan ${planId} never reached the awaiting-funding tray`);
  };

  it('imports the banding matrix once, versioned by date, and reads it back in pence', async () => {
    const again = (await officer.post('/funding/bands').set('content-type', 'text/csv').send(MATRIX).expect(200)).body;
    expect(again).toEqual({ added: 0, unchanged: 4, rates: [], plansRerated: 0 });
    const bands = (await officer.get('/funding/bands').expect(200)).body.bands;
    expect(bands).toEqual(expect.arrayContaining([
      { band: 'C', settingType: 'mainstream', annualPence: 1_200_000, validFrom: '2026-04-01', validTo: '2027-03-31' },
      { band: 'C', settingType: 'mainstream', annualPence: 1_236_000, validFrom: '2027-04-01', validTo: null },
      { band: 'S2', settingType: 'special', annualPence: 2_100_050, validFrom: '2026-04-01', validTo: null },
    ]));
    expect((await officer.get('/funding/bands').query({ on: '2027-05-01' }).expect(200)).body.bands.filter((b: { band: string }) => b.band === 'C'))
      .toEqual([expect.objectContaining({ annualPence: 1_236_000 })]);
  });

  it('a final plan naming a school waits in the tray; the agreed top-up commits the year to the penny; a band change adjusts it', async () => {
    const planId = await finalPlan('2026-03-02', '2026-06-22', '2026-07-14');
    expect(await inTray(planId)).toMatchObject({ status: 'awaiting-funding', awaitingSince: '2026-07-14', source: 'final-plan', setting: { urn: '120345', name: 'Lincoln Castle Academy' } });

    // band C, £12,000 a year, from Tue 2026-09-01 to the year end: 212 days of 365 → 696,986p
    const agreed = (await officer.post(`/funding/plans/${planId}/agree-top-up`).send({ on: '2026-09-14', band: 'C', settingUrn: '120345', from: '2026-09-01' }).expect(200)).body;
    expect(agreed).toMatchObject({
      status: 'funded', placements: [{ settingUrn: '120345', from: '2026-09-01', to: null }],
      topUps: [{ band: 'C', settingType: 'mainstream', from: '2026-09-01', to: null, annualPence: 1_200_000 }],
      commitmentsByYear: { '2026-27': 696_986 },
    });
    expect((await officer.get('/funding/plans').query({ tray: 'awaiting-funding' }).expect(200)).body.items.map((p: { planId: string }) => p.planId)).not.toContain(planId);

    // band D (£15,500) from 11-01: C for 61 days (200,548p) and D for 151 days (641,233p)
    const changed = (await officer.post(`/funding/plans/${planId}/change-band`).send({ on: '2026-11-02', band: 'D', from: '2026-11-01' }).expect(200)).body;
    expect(changed.topUps).toEqual([
      expect.objectContaining({ band: 'C', from: '2026-09-01', to: '2026-10-31', annualPence: 1_200_000 }),
      expect.objectContaining({ band: 'D', from: '2026-11-01', to: null, annualPence: 1_550_000 }),
    ]);
    expect(changed.commitmentsByYear).toEqual({ '2026-27': 200_548 + 641_233 });
    expect(changed.nextSteps).toEqual(expect.arrayContaining(['change-band', 'request-funding-increase', 'end-top-up']));
    // the assessment case's id and the annual review's find the same plan
    expect((await officer.get(`/funding/plans/ehcna-${planId}`).expect(200)).body.planId).toBe(planId);
    expect((await officer.get(`/funding/plans/annualReview-${planId}`).expect(200)).body.planId).toBe(planId);

    // ended with its effective date alone: funded to that day; D for 11-01..11-20, 20 days: 1,550,000 × 20 / 365 = 84,931.5 → 84,932p
    const ended = (await officer.post(`/funding/plans/${planId}/end-top-up`).send({ on: '2026-11-20' }).expect(200)).body;
    expect(ended.topUps[1]).toMatchObject({ band: 'D', to: '2026-11-20', endReason: 'other' });
    expect(ended.commitmentsByYear).toEqual({ '2026-27': 200_548 + 84_932 });
    expect(ended.status).toBe('no-top-up');
  });

  it('refuses bad input, unknown bands, the wrong state and broken rules, appending nothing', async () => {
    const planId = await finalPlan('2026-03-09', '2026-06-29', '2026-07-20', { urn: '120999', name: 'The Priory School' });
    await inTray(planId);
    const before = await eventCount();
    const malformed = (await officer.post(`/funding/plans/${planId}/agree-top-up`).send({ on: '30/11/2026', band: '', from: 'soon' }).expect(400)).body;
    expect(malformed.errors.map((e: { field: string }) => e.field).sort()).toEqual(expect.arrayContaining(['band', 'from', 'on', 'settingUrn']));
    // the plan names the school without its type: S2 exists for special schools only, so that is taken; Z exists for none
    expect((await officer.post(`/funding/plans/${planId}/agree-top-up`).send({ on: '2026-09-14', band: 'Z', settingUrn: '120999', from: '2026-09-01' }).expect(422)).body.errors[0])
      .toMatchObject({ field: 'settingType', rule: 'SettingTypeNeeded' });
    expect((await officer.post(`/funding/plans/${planId}/agree-top-up`).send({ on: '2026-09-14', band: 'C', settingUrn: '120999', from: '2026-09-01', settingType: 'special' }).expect(422)).body.errors[0])
      .toMatchObject({ field: 'band', rule: 'UnknownBand' });
    expect((await officer.post(`/funding/plans/${planId}/agree-top-up`).send({ on: '2026-12-01', band: 'S2', settingUrn: '120999', from: '2026-09-01' }).expect(422)).body.errors[0])
      .toMatchObject({ field: 'on', rule: 'DateInFuture' });
    expect((await officer.post(`/funding/plans/${planId}/change-band`).send({ on: '2026-11-02', band: 'S2', from: '2026-11-01' }).expect(409)).body.type).toMatch(/NoTopUp$/);
    await officer.post(`/funding/plans/${planId}/no-such-command`).send({ on: '2026-11-02' }).expect(404);
    await officer.get(`/funding/plans/${randomUUID()}`).expect(404);
    await officer.get('/funding/plans/not-a-plan').expect(404);
    expect((await officer.post('/funding/bands').set('content-type', 'text/csv').send('band,setting_type,annual_pounds,valid_from\nC,mainstream,12000.555,2026-04-01\nC,spaceship,1,2026-13-01\n').expect(422)).body.errors.map((e: { field: string }) => e.field))
      .toEqual(['row 1: annual_pounds', 'row 2: setting_type', 'row 2: valid_from']);
    expect((await officer.post('/funding/bands').set('content-type', 'text/csv').send('band,setting_type,annual_pounds,valid_from\nC,mainstream,12500,2026-04-01\n').expect(409)).body.errors[0].rule).toBe('RateAlreadySet');
    expect(await eventCount()).toBe(before);
    // then the special school's band, whose type the matrix tells: £21,000.50 a year from 09-01, 212 days → 1,219,755p
    expect((await officer.post(`/funding/plans/${planId}/agree-top-up`).send({ on: '2026-09-14', band: 'S2', settingUrn: '120999', from: '2026-09-01' }).expect(200)).body)
      .toMatchObject({ topUps: [{ band: 'S2', settingType: 'special' }], commitmentsByYear: { '2026-27': 1_219_755 } });
  });

  it('schedules the year for finance (JSON, CSV, XLSX read back) and forecasts it against the budget, as at any date', async () => {
    const planId = await finalPlan('2026-03-16', '2026-07-06', '2026-07-27', { urn: '120346', name: 'Ermine Primary Academy' });
    await inTray(planId);
    // band D, £15,500 a year from Sun 11-01: 151 days of 365 → 641,233p, recorded today (11-30): November has begun, so it is
    // paid as an adjustment; December to March are scheduled. By days (30, 31, 31, 28, 31 of 151), largest remainder:
    // Nov 127,397.28 → 127,397; Dec, Jan, Mar 131,643.86 → 131,644 each (the 3 spare pence); Feb 118,904.13 → 118,904
    await officer.post(`/funding/plans/${planId}/agree-top-up`).send({ on: '2026-11-30', band: 'D', settingUrn: '120346', from: '2026-11-01', settingType: 'mainstream' }).expect(200);
    const linesOf = async (fy: string, asAt?: string) => {
      for (let i = 0; i < 100; i++) {
        const body = (await officer.get('/funding/schedule').query({ fy, ...(asAt ? { 'as-at': asAt } : {}) }).expect(200)).body;
        const mine = body.lines.filter((l: { planId: string }) => l.planId === planId);
        if (mine.length > 0 || asAt) return { body, mine };
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the schedule never showed the plan');
    };
    const { body: year, mine } = await linesOf('2026-27');
    expect(mine.map((l: { periodId: string; pence: number; kind: string }) => [l.periodId, l.pence, l.kind])).toEqual([
      ['2026-11', 127_397, 'adjustment'], ['2026-12', 131_644, 'scheduled'], ['2027-01', 131_644, 'scheduled'], ['2027-02', 118_904, 'scheduled'], ['2027-03', 131_644, 'scheduled'],
    ]);
    expect(mine[0]).toMatchObject({ settingUrn: '120346', settingName: 'Ermine Primary Academy', settingType: 'mainstream', band: 'D' });
    // a year no change has reached: the open-ended top-up's whole annual rate
    expect((await linesOf('2028-29')).mine.reduce((sum: number, l: { pence: number }) => sum + l.pence, 0)).toBe(1_550_000);
    // as the ledger stood yesterday, before anything was recorded
    expect((await linesOf('2026-27', '2026-11-29')).body.lines).toEqual([]);

    const csv = (await officer.get('/funding/schedule').query({ fy: '2026-27', format: 'csv' }).expect(200).expect('content-type', /text\/csv/)).text;
    const csvLines = csv.trim().split('\r\n');
    expect(csvLines[0]).toBe('fy,setting_urn,setting_name,setting_type,plan_reference,plan_id,band,period,period_start,line_from,line_to,kind,recorded_on,amount_pence,amount_pounds');
    expect(csvLines.filter((l) => l.includes(planId))).toContain(`2026-27,120346,Ermine Primary Academy,mainstream,${mine[0].reference},${planId},D,2026-12,2026-12-01,2026-12-01,2026-12-31,scheduled,2026-11-30,131644,1316.44`);
    expect(csvLines.slice(1).reduce((sum, l) => sum + Number(l.split(',')[13]), 0)).toBe(year.totals.pence);

    const xlsx = await officer.get('/funding/schedule').query({ fy: '2026-27', format: 'xlsx' }).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type
    await workbook.xlsx.load(xlsx.body as never);
    expect(workbook.worksheets.map((w) => w.name).sort()).toEqual(year.totals.bySettingType.map((t: { settingType: string }) => t.settingType).sort());
    let workbookPence = 0;
    for (const sheet of workbook.worksheets) {
      const totals = sheet.getRow(sheet.rowCount);
      expect(totals.getCell(1).value).toBe('Total');
      const grand = totals.getCell(sheet.columnCount).value as { formula: string; result: number };
      expect(grand.formula).toMatch(/^SUM\(/);
      // the totals row adds up the rows above it
      let rowsPence = 0;
      for (let r = 2; r < sheet.rowCount; r++) rowsPence += Math.round(Number(sheet.getRow(r).getCell(sheet.columnCount).value) * 100);
      expect(Math.round(grand.result * 100)).toBe(rowsPence);
      workbookPence += rowsPence;
    }
    expect(workbookPence).toBe(year.totals.pence);
    const mainstream = workbook.getWorksheet('mainstream')!;
    const myRow = mainstream.getRows(2, mainstream.rowCount - 2)!.find((r) => r.getCell(1).value === '120346')!;
    expect(typeof myRow.getCell(5).value).toBe('number');

    expect((await officer.put('/funding/budgets/2026-27').send({ totalPence: 900_000 }).expect(200)).body).toMatchObject({ fy: '2026-27', totalPence: 900_000, revisions: 1 });
    expect((await officer.post('/funding/budgets').send({ fy: '2026-27', totalPence: 1_000_000 }).expect(200)).body).toMatchObject({ totalPence: 1_000_000, revisions: 2 });
    const forecast = (await officer.get('/funding/forecast').query({ fy: '2026-27', 'as-at': '2026-11-30' }).expect(200)).body;
    expect(forecast.totals.forecastPence).toBe(year.totals.pence);
    expect(forecast.totals.spentPence + forecast.totals.committedPence).toBe(forecast.totals.forecastPence);
    expect(forecast.totals).toMatchObject({ budgetPence: 1_000_000, variancePence: forecast.totals.forecastPence - 1_000_000, outcome: 'overspend' });
    expect(forecast.rows).toEqual(expect.arrayContaining([expect.objectContaining({ settingType: 'mainstream', band: 'D' })]));
    // a plan whose band changed from C to D is in both bands' rows, and counted once for its setting type
    const mainstreamPlans = forecast.bySettingType.find((t: { settingType: string }) => t.settingType === 'mainstream').plans;
    const inBands = forecast.rows.filter((r: { settingType: string }) => r.settingType === 'mainstream').reduce((n: number, r: { plans: number }) => n + r.plans, 0);
    expect(mainstreamPlans).toBeLessThan(inBands);
    expect((await officer.get('/funding/forecast').query({ fy: '2026-27', 'as-at': '2026-11-29' }).expect(200)).body.totals).toMatchObject({ forecastPence: 0, spentPence: 0 });
    await officer.get('/funding/forecast').query({ fy: '2026/27' }).expect(400);
    await officer.get('/funding/schedule').query({ format: 'pdf' }).expect(400);
  });

  it('a year\'s rates apply from 1 April: the matrix\'s next version already imported, or imported later to re-rate running top-ups', async () => {
    const planId = await finalPlan('2026-03-23', '2026-07-13', '2026-08-03', { urn: '120347', name: 'Skellingthorpe Primary' });
    await inTray(planId);
    await officer.post(`/funding/plans/${planId}/agree-top-up`).send({ on: '2026-11-30', band: 'C', settingUrn: '120347', from: '2026-09-01', settingType: 'mainstream' }).expect(200);
    // ends Sat 2027-07-31: 2026-27 at £12,000 (212 days of 365: 696,986p); 2027-28 at the matrix's £12,360 from 04-01,
    // 122 days of 366 (2027-28 holds 29 Feb 2028): 1,236,000 × 122 / 366 = 412,000p exactly
    const ended = (await officer.post(`/funding/plans/${planId}/end-top-up`).send({ on: '2026-11-30', lastDay: '2027-07-31', reason: 'moved-away' }).expect(200)).body;
    expect(ended.commitmentsByYear).toEqual({ '2026-27': 696_986, '2027-28': 412_000 });
    expect(ended.topUps[0].rates).toEqual([
      { from: '2026-09-01', annualPence: 1_200_000, validFrom: '2026-04-01' }, { from: '2027-04-01', annualPence: 1_236_000, validFrom: '2027-04-01' },
    ]);

    // the next year's D imported now: the plans whose top-up is at D (open-ended) take £16,000 from 2027-04-01
    const imported = (await officer.post('/funding/bands').set('content-type', 'text/csv').send('band,setting_type,annual_pounds,valid_from\nD,mainstream,16000,2027-04-01\n').expect(200)).body;
    expect(imported).toMatchObject({ added: 1, plansRerated: expect.any(Number) });
    expect(imported.plansRerated).toBeGreaterThan(0);
    const open = (await officer.get('/funding/plans').query({ tray: 'funded' }).expect(200)).body.items.find((p: { band: string }) => p.band === 'D');
    const rerated = (await officer.get(`/funding/plans/${open.planId}`).expect(200)).body;
    expect(rerated.topUps[rerated.topUps.length - 1].rates.map((r: { from: string; annualPence: number }) => [r.from, r.annualPence])).toContainEqual(['2027-04-01', 1_600_000]);
    // a year no later change reaches is at the new rate, whole
    for (let i = 0; i < 100; i++) {
      const lines = (await officer.get('/funding/schedule').query({ fy: '2028-29' }).expect(200)).body.lines.filter((l: { planId: string }) => l.planId === open.planId);
      if (lines.reduce((sum: number, l: { pence: number }) => sum + l.pence, 0) === 1_600_000) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the schedule never took the new rate');
  });

  it('only the funding team changes funding; finance reads', async () => {
    const financeReader = await tokens.as(host.url, CALLERS.finance);
    await financeReader.get('/funding/bands').expect(200);
    await financeReader.post('/funding/bands').set('content-type', 'text/csv').send(MATRIX).expect(403);
    await (await tokens.as(host.url, CALLERS.caseworker)).post(`/funding/plans/${randomUUID()}/agree-top-up`).send({ on: '2026-09-14', band: 'C', settingUrn: '120345', from: '2026-09-01' }).expect(403);
  });
});
