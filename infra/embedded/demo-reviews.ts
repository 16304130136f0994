/**
 * The annual review half of the demo county (`npm run seed:demo`): a settings directory for the
 * synthetic settings, the county's plans made before the hub (imported as a caseworker would), and
 * review cycles for every plan whose review has come round — all through the real command path.
 *
 * Assumptions (stated, not national figures): about 2.5 plans made before the hub for every request
 * a year; 85% of imported plans reviewed in the last 15 months; 70% of reviews meet the 12-month
 * date; 10% of invitations go out late; 80% of reports and 75% of decisions arrive in time; 28% of
 * reviews lead to an amendment, of which 70% bring representations and 70% are finalised within
 * 8 weeks; 12% of children are in special schools. A review held in the autumn before a reg 2
 * phase transfer always amends the plan, naming a setting of the next phase; 85% of those that would
 * otherwise run past the last lawful day before 15 February (31 March into post-16) are pulled back
 * to it, the rest are issued late.
 */
import { CommandBus } from '@nestjs/cqrs';
import { academicYearOf, addDays, isAfter, minDate, onOrBefore, type CalendarDate, type PhaseTransferKind } from '@ehc/domain-kernel';
import { ProgressBar } from '@ehc/tooling';
import { type RunningHost } from '@ehc/host';
import { sideTablesOf } from '@ehc/commands';
import { rngFor, SYNTHETIC_SETTING_DIRECTORY } from '../../services/needs-assessment/src/demo/synthetic-county';
import { ExecutePlanCommand } from '../../services/annual-review/src/application/plan-command';
import type { Command, Event } from '../../services/annual-review/src/domain/annual-review';
import { importPlans } from '../../services/annual-review/src/infrastructure/plan-import';
import { PlanFile } from '../../services/annual-review/src/infrastructure/read-models/plan-file.entity';
import { upcomingReviewDue, type PlanFileView } from '../../services/annual-review/src/infrastructure/read-models/plan-file.view';
import { nextPhaseTransfer } from '../../services/annual-review/src/domain/phase-transfer';
import type { Setting } from '../../services/annual-review/src/domain/events';
import { SettingsDirectory } from '../../services/annual-review/src/infrastructure/settings/settings-directory';

const GIAS_OF_KIND = {
  'early-years': ['Local authority nursery school', 'Nursery', 2, 5],
  primary: ['Community school', 'Primary', 4, 11],
  secondary: ['Academy converter', 'Secondary', 11, 16],
  special: ['Community special school', 'Not applicable', 2, 19],
  'post-16': ['Further education', 'Not applicable', 16, 99],
} as const;

const GIVEN = ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Noah', 'Mia', 'Jack', 'Ivy', 'Leo', 'Lily', 'Arthur', 'Freya', 'Oscar', 'Grace', 'Theo', 'Ruby', 'Kai', 'Zofia'];
const FAMILY = ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Walker', 'Patel', 'Khan', 'Baker', 'Turner', 'Hill', 'Cooper', 'Ward', 'Okafor', 'Begum', 'Nowak', 'Fletcher', 'Gibson', 'Hudson'];

export interface ReviewSeedOptions {
  seed: string;
  today: CalendarDate;
  realToday: CalendarDate;
  legacyPlans: number;
  concurrency: number;
  /** Final plans the needs-assessment part issued: wait until they are all in the review cycle. */
  plansFromAssessments: number;
}

export async function seedAnnualReviews(host: RunningHost, o: ReviewSeedOptions): Promise<{ summary: string; failures: { command: string; on: string; error: string }[] }> {
  const runtime = host.runtimes.find((r) => r.service === 'annual-review');
  if (!runtime) throw new Error('the annual-review service is not in this host');
  const settings = new SettingsDirectory(runtime.dataSource);
  const header = 'URN,EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),StatutoryLowAge,StatutoryHighAge';
  const rows = SYNTHETIC_SETTING_DIRECTORY.map((s) => [s.urn, `"${s.name}"`, ...GIAS_OF_KIND[s.kind]].join(','));
  await settings.importGias([header, ...rows].join('\n'));
  const urnsOf = (kind: keyof typeof GIAS_OF_KIND) => SYNTHETIC_SETTING_DIRECTORY.filter((s) => s.kind === kind).map((s) => s.urn);

  // the final plans the assessments issued arrive through the in-process delivery
  const repo = runtime.dataSource.getRepository(PlanFile);
  for (const deadline = Date.now() + 10 * 60_000; ;) {
    const n = await repo.createQueryBuilder('p').where(`p.view->'source'->>'kind' = 'needs-assessment'`).getCount();
    if (n >= o.plansFromAssessments || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  // plans made before the hub, imported as a caseworker would
  const rnd = rngFor(o.seed, 'legacy-plans');
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const csv = ['reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker'];
  for (let i = 0; i < o.legacyPlans; i++) {
    const age = 4 + Math.floor(rnd() * 16);
    const dob = addDays(o.today, -Math.floor(age * 365.25 + rnd() * 360));
    const issued = addDays(o.today, -Math.floor(400 + rnd() * 365 * Math.min(7, age - 2)));
    const reviewed = rnd() < 0.85 ? addDays(o.today, -Math.floor(20 + rnd() * 430)) : '';
    const kind = rnd() < 0.12 ? 'special' : age < 5 ? 'early-years' : age < 11 ? 'primary' : age < 16 ? 'secondary' : 'post-16';
    csv.push([`LEG-${o.seed}-${String(i + 1).padStart(5, '0')}`, pick(GIVEN), pick(FAMILY), dob, issued < dob ? addDays(dob, 730) : issued,
      reviewed && !isAfter(issued, reviewed) ? reviewed : '', pick(urnsOf(kind)), `cw-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`].join(','));
  }
  const importBar = new ProgressBar('importing legacy plans', o.legacyPlans, ' plans');
  const report = await importPlans(csv.join('\n'), {
    store: runtime.store, dataSource: runtime.dataSource, schema: runtime.schema, sideTables: sideTablesOf(runtime.pool), settings, today: o.realToday, reviewAnchor: 'review-decision',
    context: { actor: { kind: 'user', id: 'seed-demo' }, correlationId: `seed-demo-${o.seed}-import` }, concurrency: o.concurrency,
    onProgress: (done, total) => { importBar.setTotal(total); importBar.update(done); },
  });
  importBar.done(report.rowsTaken + report.rowsUnchanged);
  const position = await runtime.store.headPosition();
  await runtime.projections[0].waitFor(position, 10 * 60_000);

  // review cycles for every plan whose review has come round
  const commands = host.app.get(CommandBus);
  const plans = (await repo.find()).map((p) => p.view);
  const failures: { command: string; on: string; error: string }[] = [];
  const tally = { reviews: 0, decisions: 0, withinTwelveMonths: 0, amended: 0, scheduledAhead: 0, phaseTransfers: 0, phaseTransfersMet: 0 };
  // the setting a phase transfer names: one of the next phase in the synthetic directory
  const NEXT_PHASE: Record<PhaseTransferKind, { kind: keyof typeof GIAS_OF_KIND; type: Setting['type']; phase: Setting['phase'] }> = {
    'early-years-to-school': { kind: 'primary', type: 'mainstream', phase: 'primary' },
    'infant-to-junior': { kind: 'primary', type: 'mainstream', phase: 'primary' },
    'primary-to-middle': { kind: 'primary', type: 'mainstream', phase: 'primary' },
    'primary-to-secondary': { kind: 'secondary', type: 'mainstream', phase: 'secondary' },
    'middle-to-secondary': { kind: 'secondary', type: 'mainstream', phase: 'secondary' },
    'secondary-to-post-16': { kind: 'post-16', type: 'further-education', phase: 'post-16' },
  };
  const bar = new ProgressBar('annual reviews', plans.length, ' plans');
  let done = 0;
  const run = async (view: PlanFileView, command: Command): Promise<Event[] | null> => {
    const result = await commands.execute(new ExecutePlanCommand(view.planId, command, {
      actor: { kind: 'user', id: view.caseworkerId ?? 'seed-demo' }, correlationId: `seed-demo-${o.seed}-${view.planId}`, occurredAt: (command.data as { on?: string }).on ?? o.today,
    }));
    if (!result.ok) { failures.push({ command: command.type, on: (command.data as { on?: string }).on ?? '', error: String(result.error) }); return null; }
    return result.events.map((e: { type: string; data: unknown }) => ({ type: e.type, data: e.data }) as Event);
  };
  const cycle = async (view: PlanFileView) => {
    const r = rngFor(o.seed, 'review', view.planId);
    const days = (min: number, span: number) => min + Math.floor(r() * span);
    const today = o.realToday;
    let due = upcomingReviewDue(view);
    while (due && !isAfter(due, addDays(o.today, -10))) {
      const meeting = r() < 0.3 ? addDays(due, days(1, 50)) : addDays(due, -days(30, 40));
      const invitations = addDays(meeting, r() < 0.1 ? -days(5, 8) : -days(14, 10));
      if (isAfter(invitations, today)) break;
      if (!(await run(view, { type: 'ScheduleMeeting', data: { on: invitations, meetingOn: meeting, today } }))) return;
      if (isAfter(meeting, today)) { tally.scheduledAhead++; return; }
      if (!(await run(view, { type: 'HoldMeeting', data: { on: meeting, today } }))) return;
      tally.reviews++;
      const report = addDays(meeting, r() < 0.2 ? days(15, 15) : days(3, 11));
      if (!isAfter(report, today) && !(await run(view, { type: 'ReceiveReport', data: { on: report, today, reportDocumentId: null } }))) return;
      const decidedOn = addDays(meeting, r() < 0.25 ? days(29, 30) : days(5, 23));
      if (isAfter(decidedOn, today)) return;
      // reg 18(1): a review in the autumn before a phase transfer amends the plan for the move
      const transfer = view.cohort
        ? nextPhaseTransfer({ cohort: view.cohort, setting: { type: view.namedSetting.type, phase: view.namedSetting.phase, lowAge: null, highAge: null }, transferYear: academicYearOf(decidedOn) + 1 })
        : null;
      const forTransfer = transfer && onOrBefore(decidedOn, transfer.latestAmendmentNotice) ? transfer : null;
      const outcome = forTransfer || r() < 0.28 ? 'amend' : 'maintain';
      const decided = await run(view, { type: 'Decide', data: { on: decidedOn, today, outcome, reasonsDocumentId: null } });
      if (!decided) return;
      const decision = decided.find((e) => e.type === 'ReviewDecisionMade');
      if (decision?.type !== 'ReviewDecisionMade') return;
      tally.decisions++;
      if (decision.data.reviewWithinTwelveMonths) tally.withinTwelveMonths++;
      due = decision.data.nextReviewDueBy;
      if (outcome === 'amend') {
        const notice = forTransfer ? minDate(addDays(decidedOn, days(3, 12)), forTransfer.latestAmendmentNotice) : addDays(decidedOn, days(3, 12));
        if (isAfter(notice, today)) return;
        if (!(await run(view, { type: 'IssueAmendmentNotice', data: { on: notice, today, proposedChangesDocumentId: null } }))) return;
        const responded = r() < 0.7;
        const representations = addDays(notice, days(3, 12));
        let amended = addDays(notice, r() < 0.3 ? days(57, 34) : days(16, 41));
        // most phase transfers are finished by the last lawful day, some run on past it
        if (forTransfer && r() < 0.85 && isAfter(amended, forTransfer.deadline) && isAfter(forTransfer.deadline, addDays(notice, 15))) amended = forTransfer.deadline;
        if (responded && !isAfter(representations, today)) {
          const meetingRequested = r() < 0.2;
          if (!(await run(view, { type: 'RecordRepresentations', data: { on: representations, today, meetingRequested, final: false, preferredSetting: null, representationsDocumentId: null } }))) return;
          if (meetingRequested) {
            // reg 22: the meeting the family asked for is held before the plan is finalised
            const meeting = addDays(representations, days(3, 6));
            if (isAfter(meeting, today)) return;
            if (!(await run(view, { type: 'HoldAmendmentMeeting', data: { on: meeting, today } }))) return;
            if (!isAfter(amended, meeting)) amended = addDays(meeting, days(2, 5));
          }
        }
        if (isAfter(amended, today)) return;
        const next = forTransfer ? NEXT_PHASE[forTransfer.kind] : null;
        const nextSetting = next ? SYNTHETIC_SETTING_DIRECTORY.filter((s) => s.kind === next.kind)[days(0, 1000) % urnsOf(next.kind).length] : null;
        const namedSetting: Setting = next && nextSetting ? { urn: nextSetting.urn, name: nextSetting.name, type: next.type, phase: next.phase } : view.namedSetting;
        const issued = await run(view, { type: 'IssueAmendedPlan', data: {
          on: amended, today, namedSetting, phaseTransfer: forTransfer ? { kind: forTransfer.kind, transferYear: forTransfer.transferYear } : null,
          planDocumentId: null, earlyFinalisation: 'allowed',
        } });
        if (!issued) return;
        tally.amended++;
        if (forTransfer) {
          tally.phaseTransfers++;
          if (onOrBefore(amended, forTransfer.deadline)) tally.phaseTransfersMet++;
        }
      }
    }
  };
  let next = 0;
  await Promise.all(Array.from({ length: o.concurrency }, async () => {
    while (next < plans.length) {
      await cycle(plans[next++]);
      bar.update(++done, `${tally.reviews} reviews`);
    }
  }));
  bar.done(done, `${tally.reviews} reviews`);
  await runtime.projections[0].waitFor(await runtime.store.headPosition(), 10 * 60_000);
  const overdue = await repo.createQueryBuilder('p').where('p.next_review_due < :today', { today: o.realToday }).andWhere(`p.status NOT IN ('ceased', 'closed')`).getCount();
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
  return {
    failures,
    summary: [
      `Annual reviews`,
      `  plans in the review cycle  ${plans.length.toLocaleString('en-GB')} (${o.plansFromAssessments.toLocaleString('en-GB')} from assessments, ${report.rowsTaken.toLocaleString('en-GB')} imported, ${report.rowsRefused.length} refused)`,
      `  review meetings held       ${tally.reviews.toLocaleString('en-GB')} (${tally.scheduledAhead.toLocaleString('en-GB')} more scheduled)`,
      `  review decisions           ${tally.decisions.toLocaleString('en-GB')}, ${pct(tally.withinTwelveMonths, tally.decisions)} within 12 months`,
      `  amended plans              ${tally.amended.toLocaleString('en-GB')}`,
      `  phase transfers amended    ${tally.phaseTransfers.toLocaleString('en-GB')}, ${pct(tally.phaseTransfersMet, tally.phaseTransfers)} before 15 February / 31 March (reg 18(1))`,
      `  reviews overdue now        ${overdue.toLocaleString('en-GB')}`,
    ].join('\n'),
  };
}
