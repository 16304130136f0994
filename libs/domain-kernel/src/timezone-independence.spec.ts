// Results must not depend on the server's time zone (domain §2.5, §11.15).
//
// Jest gives each test file a sandboxed copy of process.env, so assigning process.env.TZ inside a
// test does not reach V8. The probe therefore runs in a child Node process, which switches its own
// (real) process.env.TZ between computations and proves each switch took effect.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const kernel = path.join(__dirname, 'index.ts');

const probe = `
const k = require(${JSON.stringify(kernel)});
const compute = () => ({
  finalPlan: k.finalPlanDueBy('2026-01-05'),
  target: k.operationalTarget('2026-12-28'),
  appeal: k.appealDeadline('2026-10-26'),
  appealWithCertificate: k.appealDeadline('2026-06-10', '2026-07-24'),
  clamp: k.addMonths('2026-01-31', 1),
  review: k.reviewDueBy('2024-02-29'),
  transfer: k.planTransferDueBy('2026-09-01'),
  leaving: k.compulsorySchoolAgeEndsOn('2010-09-01'),
  weekday: k.dayOfWeek('2026-03-29'),
  holidays2027: k.bankHolidaysInYear(2027).map((h) => h.date),
  london: ['2026-03-29T00:30:00Z', '2026-03-29T23:30:00Z', '2026-10-24T23:30:00Z', '2026-10-25T23:30:00Z',
           '2026-12-31T23:30:00Z'].map((instant) => k.londonDateOf(new Date(instant))),
});
const out = {};
for (const tz of ['Europe/London', 'Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']) {
  process.env.TZ = tz;
  out[tz] = { offsetMinutes: new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset(), results: compute() };
}
process.stdout.write(JSON.stringify(out));
`;

const expected = {
  finalPlan: '2026-05-25',
  target: '2026-12-24',
  appeal: '2027-01-04',
  appealWithCertificate: '2026-09-01',
  clamp: '2026-02-28',
  review: '2025-02-28',
  transfer: '2026-09-21',
  leaving: '2027-06-25',
  weekday: 7,
  holidays2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  london: ['2026-03-29', '2026-03-30', '2026-10-25', '2026-10-25', '2026-12-31'],
};

describe('independence from process.env.TZ', () => {
  it('gives the same answers in London, Kiritimati (UTC+14), Los Angeles and UTC', () => {
    const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', probe], {
      cwd: path.resolve(__dirname, '../../..'),
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    const byZone = JSON.parse(child.stdout) as Record<string, { offsetMinutes: number; results: unknown }>;

    // each switch really changed the process's zone
    expect(byZone['Pacific/Kiritimati'].offsetMinutes).toBe(-14 * 60);
    expect(byZone['America/Los_Angeles'].offsetMinutes).toBe(8 * 60);
    expect(byZone['Europe/London'].offsetMinutes).toBe(0);

    for (const zone of Object.keys(byZone)) expect({ zone, results: byZone[zone].results }).toEqual({ zone, results: expected });
  }, 30_000);
});
