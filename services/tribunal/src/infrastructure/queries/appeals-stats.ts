import type { DataSource } from 'typeorm';
import { addMonths, daysBetween, isCalendarDate, type CalendarDate } from '@ehc/domain-kernel';
import { badRequest, type FieldFault } from '@ehc/http';
import { APPEAL_OUTCOMES, APPEAL_TYPES, DECISION_TYPES, ORDER_KINDS } from '@ehc/contracts/tribunal';

/*
 * "What do the appeals figures say this month?" The monthly SEND performance meeting's appeals data
 * (domain §9: appeals registered, appeal rate, tribunal outcomes, mediation, reg 44 compliance) for a
 * range of months, read from the tribunal's read model (rm_disagreements, rm_appealable_decisions_by_month,
 * rm_mediations, rm_appeals, rm_orders) in one SQL statement, so every figure comes from one snapshot
 * and agrees with the others. A month is a calendar month of Europe/London dates; every count is by
 * the date the thing happened (letter, registration, conclusion, the order's last step due), never by
 * when it was recorded. "Open", "closed" and "overdue" are judged on `today`.
 *
 * The appeal rate (domain §9, §11.10) two ways. Cohort: of the decisions notified in the period, the
 * share appealed, each counted once its window has closed or it was appealed (so the last few months
 * read high until their windows close: windowsOpen says how many are not counted yet). Flow: appeals
 * registered in month M over the decisions notified in M − lag (APPEAL_RATE_LAG_MONTHS, default 2).
 */

/** A month, YYYY-MM. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Ten years of months: the longest range the meeting asks for. */
export const MAX_MONTHS = 120;

type AppealType = (typeof APPEAL_TYPES)[number];
type DecisionType = (typeof DECISION_TYPES)[number];
type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];
type OrderKind = (typeof ORDER_KINDS)[number];
type Month = string;

/** The stages of an appeal not yet concluded. */
export const OPEN_STAGES = ['registered', 'response-sent', 'hearing-listed'] as const;
type OpenStage = (typeof OPEN_STAGES)[number];
const SECTIONS = ['B', 'C', 'D', 'F', 'G', 'H1', 'H2', 'I'] as const;
const CERTIFICATE_AFTER = ['declined', 'mediation-ended', 'not-arranged', 'screening'] as const;
type CertificateAfter = (typeof CERTIFICATE_AFTER)[number];
/** The outcomes a tribunal reaches at a hearing: the base of the share decided in the family's favour. */
const DECIDED_AT_HEARING: readonly AppealOutcome[] = ['dismissed', 'allowed', 'allowed-in-part', 'remitted'];

/** The cohort appeal rate of some appealable decisions: counted only once their window has closed. */
export interface CohortFigures {
  /** Appealable decisions notified (letter sent) in the period. */
  decisions: number;
  /** Of those, appealed (an appeal registered, even if later withdrawn). */
  appealed: number;
  /** Appealed, or their appeal deadline passed before today: the rate's denominator. */
  counted: number;
  /** Not appealed and the appeal deadline not yet passed: not counted yet. */
  windowsOpen: number;
  /** appealed ÷ counted; null when nothing is counted yet. */
  rate: number | null;
}

export interface AppealsStats {
  from: Month;
  to: Month;
  /** Today (Europe/London): what "window closed", "overdue" and "open" are judged against. */
  asOf: CalendarDate;
  months: Month[];
  appealsRegistered: {
    total: number;
    byType: Record<AppealType, number>;
    byMonth: { month: Month; total: number; byType: Record<AppealType, number> }[];
  };
  appealRate: {
    cohort: CohortFigures & {
      byDecisionType: ({ decisionType: DecisionType } & CohortFigures)[];
      byMonth: ({ month: Month } & CohortFigures)[];
    };
    flow: {
      /** Appeals registered in month M over appealable decisions notified in month M − lagMonths (APPEAL_RATE_LAG_MONTHS). */
      lagMonths: number;
      appeals: number;
      decisions: number;
      rate: number | null;
      byMonth: { month: Month; appeals: number; decisionsMonth: Month; decisions: number; rate: number | null }[];
    };
  };
  /** Appeals concluded (decided, conceded or withdrawn) in the range. */
  outcomes: {
    concluded: number;
    byOutcome: Record<AppealOutcome, number>;
    /** Allowed wholly or in part, and the share of appeals decided at a hearing (dismissed, allowed, allowed in part, remitted) that were. */
    favourableToFamily: { appeals: number; decidedAtHearing: number; rate: number | null };
    byType: { type: AppealType; concluded: number; byOutcome: Record<AppealOutcome, number> }[];
    /** Each ground the tribunal decided, by plan section: B, F, I upheld or not; C, D, G, H1, H2 with recommendations. */
    byGround: { section: (typeof SECTIONS)[number]; upheld: number; notUpheld: number; recommendationMade: number }[];
  };
  mediation: {
    /** The LA told of a family's contact with the mediation adviser in the range (reg 33). */
    requests: {
      total: number;
      wantingMediation: number;
      certificateOnly: number;
      healthInvolved: number;
      /** The local screening of the requests wanting mediation (domain §3.2). */
      screening: { resolved: number; proceed: number; notScreened: number };
    };
    /** Certificates issued in the range: with mediation (after it ended) or without (declined, not arranged in 30 days, resolved at screening). */
    certificates: {
      issued: number;
      withMediation: number;
      withoutMediation: number;
      after: Record<CertificateAfter, number>;
      followedByAppeal: number;
    };
    /** Mediations held in the range, and whether within 30 days of the LA being told (reg 37). */
    held: { total: number; withinThirtyDays: number; later: number; followedByAppeal: number };
  };
  /** Days from registration to conclusion, for appeals concluded in the range. */
  timeToOutcome: {
    concluded: number;
    medianDays: number | null;
    meanDays: number | null;
    byType: { type: AppealType; concluded: number; medianDays: number | null; meanDays: number | null }[];
  };
  /** reg 44 (and reg 45) orders whose last step was due in the range. */
  compliance: ComplianceFigures & {
    /** compliedOnTime ÷ (compliedOnTime + compliedLate + openOverdue): orders under an exception are reported apart. */
    rate: number | null;
    byKind: ({ kind: OrderKind } & ComplianceFigures)[];
  };
  /** Appeals not yet concluded, today, by stage, with the earliest deadline the LA must meet in each. */
  openAppeals: {
    total: number;
    byStage: { stage: OpenStage; appeals: number; overdue: number; nextDeadline: { kind: string; due: CalendarDate; daysLeft: number } | null }[];
  };
}

export interface ComplianceFigures {
  ordersDue: number;
  compliedOnTime: number;
  compliedLate: number;
  openOverdue: number;
  openNotYetDue: number;
  /** A reg 44(3) exception applies: the periods no longer bind. Not in the rate. */
  excepted: number;
}

export interface StatsQuery { from?: string; to?: string; lagMonths: number }

type ByMonthAndDecision = { month: Month; decision_type: DecisionType; n: number }[];
/** The rows of each figure, as the statement answers them. */
interface StatsRows {
  registered: { month: Month; type: AppealType; n: number }[];
  letters: ByMonthAndDecision;
  appealed: ByMonthAndDecision;
  open: ByMonthAndDecision;
  concluded: { type: AppealType; outcome: AppealOutcome; n: number }[];
  durations: { type: AppealType | null; n: number; median: number | null; mean: number | null }[];
  grounds: { section: string; outcome: string; n: number }[];
  mediation: Record<string, number>[];
  orders: ({ kind: OrderKind } & Record<'due' | 'excepted' | 'on_time' | 'late' | 'overdue' | 'not_yet_due', number>)[];
  stages: { stage: OpenStage; n: number; overdue: number; next_due: CalendarDate | null; next_kind: string | null }[];
}

const firstDay = (month: Month): CalendarDate => `${month}-01`;
const monthOf = (date: CalendarDate): Month => date.slice(0, 7);
const rate = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
const oneDecimal = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);
const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The range asked for, or the 400 naming each field at fault. */
export function statsRange(q: { from?: string; to?: string }): { from: Month; to: Month; months: Month[] } {
  const isMonth = (m: string | undefined): m is string => m !== undefined && MONTH.test(m) && isCalendarDate(firstDay(m));
  const faults: FieldFault[] = (['from', 'to'] as const).filter((f) => !isMonth(q[f]))
    .map((f) => ({ field: f, rule: 'InvalidMonth', message: `${f} is required, a month YYYY-MM` }));
  if (faults.length) throw badRequest(faults);
  const from = q.from!;
  const to = q.to!;
  if (to < from) throw badRequest([{ field: 'to', rule: 'MonthBeforeFrom', message: `to (${to}) must not be before from (${from})` }]);
  const months: Month[] = [];
  for (let m = from; m <= to && months.length <= MAX_MONTHS; m = monthOf(addMonths(firstDay(m), 1))) months.push(m);
  if (months.length > MAX_MONTHS) throw badRequest([{ field: 'to', rule: 'RangeTooLong', message: `from ${from} to ${to} is more than ${MAX_MONTHS} months` }]);
  return { from, to, months };
}

/** The monthly meeting's appeals data for months `from`..`to` (see AppealsStats and the README, "Appeals data"). */
export async function appealsStats(db: DataSource, schema: string, q: StatsQuery, today: CalendarDate): Promise<AppealsStats> {
  const { from, to, months } = statsRange(q);
  const start = firstDay(from);
  const end = addMonths(firstDay(to), 1);
  const lagStart = addMonths(start, -q.lagMonths);
  const s = `"${schema}"`;

  // $1 the range's first day, $2 the day after it, $3 today, $4 the first day the flow's lag reaches back to
  const figures: Record<string, string> = {
    registered: `SELECT to_char(registered_on, 'YYYY-MM') AS month, type, count(*)::int AS n
      FROM ${s}.rm_appeals WHERE registered_on >= $1 AND registered_on < $2 GROUP BY 1, 2`,
    // the decisions notified in every month the cohort or the flow needs, counted as their windows opened
    letters: `SELECT to_char(month, 'YYYY-MM') AS month, decision_type, decisions AS n
      FROM ${s}.rm_appealable_decisions_by_month WHERE month >= $4 AND month < $2`,
    // the cohort's decisions appealed (an appeal registered, even if withdrawn since), from the appeals
    appealed: `SELECT to_char(letter_on, 'YYYY-MM') AS month, decision_type, count(*)::int AS n
      FROM (SELECT stream_id, min(letter_on) AS letter_on, min(decision_type) AS decision_type FROM ${s}.rm_appeals
            WHERE letter_on >= $1 AND letter_on < $2 GROUP BY stream_id) decision GROUP BY 1, 2`,
    // windows still open today (not appealed, the deadline not passed): only the last few months' letters can be
    open: `SELECT to_char(d.letter_on, 'YYYY-MM') AS month, d.decision_type, count(*)::int AS n
      FROM ${s}.rm_disagreements d
      WHERE d.appeal_due >= $3 AND d.letter_on >= $1 AND d.letter_on < $2 AND NOT EXISTS (SELECT 1 FROM ${s}.rm_appeals a WHERE a.stream_id = d.stream_id)
      GROUP BY 1, 2`,
    concluded: `SELECT type, outcome, count(*)::int AS n FROM ${s}.rm_appeals WHERE concluded_on >= $1 AND concluded_on < $2 GROUP BY 1, 2`,
    durations: `SELECT type, count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY concluded_on - registered_on) AS median,
        avg(concluded_on - registered_on)::float8 AS mean
      FROM ${s}.rm_appeals WHERE concluded_on >= $1 AND concluded_on < $2 GROUP BY GROUPING SETS ((type), ())`,
    grounds: `SELECT g->>'section' AS section, g->>'outcome' AS outcome, count(*)::int AS n
      FROM ${s}.rm_appeals a CROSS JOIN LATERAL jsonb_array_elements(a.grounds_decided) g
      WHERE a.concluded_on >= $1 AND a.concluded_on < $2 GROUP BY 1, 2`,
    mediation: mediationSql(s),
    orders: `SELECT kind, count(*)::int AS due,
        count(*) FILTER (WHERE excepted)::int AS excepted,
        count(*) FILTER (WHERE NOT excepted AND complied_on IS NOT NULL AND complied_on_time)::int AS on_time,
        count(*) FILTER (WHERE NOT excepted AND complied_on IS NOT NULL AND NOT complied_on_time)::int AS late,
        count(*) FILTER (WHERE NOT excepted AND complied_on IS NULL AND final_due < $3)::int AS overdue,
        count(*) FILTER (WHERE NOT excepted AND complied_on IS NULL AND final_due >= $3)::int AS not_yet_due
      FROM ${s}.rm_orders WHERE final_due >= $1 AND final_due < $2 GROUP BY kind`,
    stages: `SELECT stage, count(*)::int AS n, count(*) FILTER (WHERE next_due < $3)::int AS overdue, min(next_due)::text AS next_due,
        (array_agg(next_kind ORDER BY next_due) FILTER (WHERE next_due IS NOT NULL))[1] AS next_kind
      FROM ${s}.rm_appeals WHERE stage IN (${OPEN_STAGES.map((stage) => `'${stage}'`).join(', ')}) GROUP BY stage`,
  };
  // one statement: one snapshot for every figure (a projection batch landing meanwhile cannot make them disagree), one round trip
  const [{ answer }] = (await db.query(
    `SELECT json_build_object(${Object.entries(figures).map(([name, sql]) => `'${name}', (SELECT coalesce(json_agg(x), '[]'::json) FROM (${sql}) x)`).join(',\n')}) AS answer`
      .replace(/\$([1-4])/g, (_, n: string) => `$${n}::date`),
    [start, end, today, lagStart],
  )) as [{ answer: StatsRows }];
  const rows = { ...answer, mediation: answer.mediation[0] };

  // appeals registered
  const byMonth = new Map(months.map((m) => [m, zeros(APPEAL_TYPES)]));
  const registeredByType = zeros(APPEAL_TYPES);
  for (const r of rows.registered) {
    byMonth.get(r.month)![r.type] += r.n;
    registeredByType[r.type] += r.n;
  }
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

  // the appeal rate, as a cohort and as a flow
  const lettersIn = new Map<Month, number>();
  const cohortCell = () => ({ decisions: 0, appealed: 0, windowsOpen: 0 });
  const cohortByMonth = new Map(months.map((m) => [m, cohortCell()]));
  const cohortByType = new Map(DECISION_TYPES.map((t) => [t, cohortCell()]));
  const tally = (figures: ByMonthAndDecision, key: keyof ReturnType<typeof cohortCell>) => {
    for (const r of figures) {
      const byMonth = cohortByMonth.get(r.month);
      if (!byMonth) continue; // a month before the range: only the flow's denominator
      byMonth[key] += r.n;
      cohortByType.get(r.decision_type)![key] += r.n;
    }
  };
  for (const r of rows.letters) lettersIn.set(r.month, (lettersIn.get(r.month) ?? 0) + r.n);
  tally(rows.letters, 'decisions');
  tally(rows.appealed, 'appealed');
  tally(rows.open, 'windowsOpen');
  const cohort = (c: ReturnType<typeof cohortCell>): CohortFigures => {
    const counted = c.decisions - c.windowsOpen;
    return { decisions: c.decisions, appealed: c.appealed, counted, windowsOpen: c.windowsOpen, rate: rate(c.appealed, counted) };
  };
  const cohortTotal = [...cohortByMonth.values()].reduce((a, c) => ({
    decisions: a.decisions + c.decisions, appealed: a.appealed + c.appealed, windowsOpen: a.windowsOpen + c.windowsOpen,
  }), cohortCell());
  const flowByMonth = months.map((month) => {
    const decisionsMonth = monthOf(addMonths(firstDay(month), -q.lagMonths));
    const appeals = sum(byMonth.get(month)!);
    const decisions = lettersIn.get(decisionsMonth) ?? 0;
    return { month, appeals, decisionsMonth, decisions, rate: rate(appeals, decisions) };
  });
  const flowAppeals = flowByMonth.reduce((a, m) => a + m.appeals, 0);
  const flowDecisions = flowByMonth.reduce((a, m) => a + m.decisions, 0);

  // outcomes
  const outcomesByType = new Map(APPEAL_TYPES.map((t) => [t, zeros(APPEAL_OUTCOMES)]));
  const byOutcome = zeros(APPEAL_OUTCOMES);
  for (const r of rows.concluded) {
    outcomesByType.get(r.type)![r.outcome] += r.n;
    byOutcome[r.outcome] += r.n;
  }
  const groundCounts = new Map(SECTIONS.map((section) => [section as string, { section, upheld: 0, notUpheld: 0, recommendationMade: 0 }]));
  const GROUND_OUTCOME = { upheld: 'upheld', 'not-upheld': 'notUpheld', 'recommendation-made': 'recommendationMade' } as const;
  for (const g of rows.grounds) {
    const cell = groundCounts.get(g.section);
    const key = GROUND_OUTCOME[g.outcome as keyof typeof GROUND_OUTCOME];
    if (cell && key) cell[key] += g.n;
  }
  const favourable = byOutcome.allowed + byOutcome['allowed-in-part'];
  const decidedAtHearing = DECIDED_AT_HEARING.reduce((a, o) => a + byOutcome[o], 0);

  // time to outcome
  const duration = new Map(rows.durations.map((d) => [d.type, d]));
  const timing = (d: (typeof rows.durations)[number] | undefined) => ({ concluded: d?.n ?? 0, medianDays: oneDecimal(d?.median ?? null), meanDays: oneDecimal(d?.mean ?? null) });

  // mediation
  const m = rows.mediation;
  const after = Object.fromEntries(CERTIFICATE_AFTER.map((a) => [a, m[`after_${a.replace(/-/g, '_')}`]])) as Record<CertificateAfter, number>;

  // reg 44 compliance
  const complianceOf = (r: (typeof rows.orders)[number] | undefined): ComplianceFigures => ({
    ordersDue: r?.due ?? 0, compliedOnTime: r?.on_time ?? 0, compliedLate: r?.late ?? 0, openOverdue: r?.overdue ?? 0, openNotYetDue: r?.not_yet_due ?? 0, excepted: r?.excepted ?? 0,
  });
  const ordersByKind = new Map(rows.orders.map((r) => [r.kind, r]));
  const complianceTotal = rows.orders.reduce((a, r) => ({
    ordersDue: a.ordersDue + r.due, compliedOnTime: a.compliedOnTime + r.on_time, compliedLate: a.compliedLate + r.late, openOverdue: a.openOverdue + r.overdue,
    openNotYetDue: a.openNotYetDue + r.not_yet_due, excepted: a.excepted + r.excepted,
  }), complianceOf(undefined));

  // open appeals
  const openByStage = new Map(rows.stages.map((r) => [r.stage, r]));

  return {
    from, to, asOf: today, months,
    appealsRegistered: {
      total: sum(registeredByType),
      byType: registeredByType,
      byMonth: months.map((month) => ({ month, total: sum(byMonth.get(month)!), byType: byMonth.get(month)! })),
    },
    appealRate: {
      cohort: {
        ...cohort(cohortTotal),
        byDecisionType: DECISION_TYPES.map((decisionType) => ({ decisionType, ...cohort(cohortByType.get(decisionType)!) })),
        byMonth: months.map((month) => ({ month, ...cohort(cohortByMonth.get(month)!) })),
      },
      flow: { lagMonths: q.lagMonths, appeals: flowAppeals, decisions: flowDecisions, rate: rate(flowAppeals, flowDecisions), byMonth: flowByMonth },
    },
    outcomes: {
      concluded: sum(byOutcome),
      byOutcome,
      favourableToFamily: { appeals: favourable, decidedAtHearing, rate: rate(favourable, decidedAtHearing) },
      byType: APPEAL_TYPES.map((type) => ({ type, concluded: sum(outcomesByType.get(type)!), byOutcome: outcomesByType.get(type)! })),
      byGround: [...groundCounts.values()],
    },
    mediation: {
      requests: {
        total: m.requests, wantingMediation: m.wanting, certificateOnly: m.certificate_only, healthInvolved: m.health_involved,
        screening: { resolved: m.screened_resolved, proceed: m.screened_proceed, notScreened: m.not_screened },
      },
      certificates: {
        issued: m.certificates, withMediation: after['mediation-ended'], withoutMediation: m.certificates - after['mediation-ended'], after, followedByAppeal: m.certificates_followed,
      },
      held: { total: m.held, withinThirtyDays: m.held_within, later: m.held - m.held_within, followedByAppeal: m.held_followed },
    },
    timeToOutcome: {
      ...timing(duration.get(null)),
      byType: APPEAL_TYPES.map((type) => ({ type, ...timing(duration.get(type)) })),
    },
    compliance: {
      ...complianceTotal,
      rate: rate(complianceTotal.compliedOnTime, complianceTotal.compliedOnTime + complianceTotal.compliedLate + complianceTotal.openOverdue),
      byKind: ORDER_KINDS.map((kind) => ({ kind, ...complianceOf(ordersByKind.get(kind)) })),
    },
    openAppeals: {
      total: rows.stages.reduce((a, r) => a + r.n, 0),
      byStage: OPEN_STAGES.map((stage) => {
        const r = openByStage.get(stage);
        return {
          stage, appeals: r?.n ?? 0, overdue: r?.overdue ?? 0,
          nextDeadline: r?.next_due ? { kind: r.next_kind!, due: r.next_due, daysLeft: daysBetween(today, r.next_due) } : null,
        };
      }),
    },
  };
}

/**
 * The mediations of the range in one pass: requested in it (and how screened), certificates issued
 * in it (and after what), held in it (within 30 days or not), and whether an appeal about the same
 * decision followed (registered on or after the request).
 */
function mediationSql(s: string): string {
  const inRange = (column: string) => `coalesce(${column} >= $1 AND ${column} < $2, false)`;
  return `
    SELECT count(*) FILTER (WHERE requested)::int AS requests,
           count(*) FILTER (WHERE requested AND wants_mediation)::int AS wanting,
           count(*) FILTER (WHERE requested AND NOT wants_mediation)::int AS certificate_only,
           count(*) FILTER (WHERE requested AND wants_mediation AND health_involved)::int AS health_involved,
           count(*) FILTER (WHERE requested AND screening_outcome = 'resolved')::int AS screened_resolved,
           count(*) FILTER (WHERE requested AND screening_outcome = 'proceed')::int AS screened_proceed,
           count(*) FILTER (WHERE requested AND wants_mediation AND screening_outcome IS NULL)::int AS not_screened,
           count(*) FILTER (WHERE certified)::int AS certificates,
           ${CERTIFICATE_AFTER.map((a) => `count(*) FILTER (WHERE certified AND certificate_after = '${a}')::int AS after_${a.replace(/-/g, '_')}`).join(',\n           ')},
           count(*) FILTER (WHERE certified AND appealed)::int AS certificates_followed,
           count(*) FILTER (WHERE held)::int AS held,
           count(*) FILTER (WHERE held AND held_on <= mediation_due)::int AS held_within,
           count(*) FILTER (WHERE held AND appealed)::int AS held_followed
    FROM (
      SELECT m.wants_mediation, m.health_involved, m.screening_outcome, m.certificate_after, m.held_on, m.mediation_due,
             ${inRange('m.requested_on')} AS requested, ${inRange('m.certificate_on')} AS certified, ${inRange('m.held_on')} AS held,
             coalesce(a.last_registered_on >= m.requested_on, false) AS appealed
      FROM ${s}.rm_mediations m
      LEFT JOIN (SELECT stream_id, max(registered_on) AS last_registered_on FROM ${s}.rm_appeals GROUP BY stream_id) a ON a.stream_id = m.stream_id
      WHERE (m.requested_on >= $1 AND m.requested_on < $2) OR (m.certificate_on >= $1 AND m.certificate_on < $2) OR (m.held_on >= $1 AND m.held_on < $2)
    ) x`;
}
