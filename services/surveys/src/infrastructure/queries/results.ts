import type { Pool } from 'pg';
import { QUESTION_SETS } from '../../domain/question-sets';
import type { ScaleQuestion } from '../../domain/model';

/** LYV's measure: how involved children and young people feel in shaping their plans. */
export const CYP_INVOLVEMENT_QUESTION = 'involvedInShapingPlan';
/** Comments shown with the results, newest first. */
export const COMMENTS_SHOWN = 50;

export interface ResultsFilter { from: string; to: string; trigger?: string; team?: string }

const rate = (answered: number, invited: number): number | null => (invited === 0 ? null : Math.round((answered / invited) * 1000) / 10);
const mean = (sum: number, n: number): number | null => (n === 0 ? null : Math.round((sum / n) * 100) / 100);

/** Each scale question's words, by id (the first set that asks it). */
const QUESTION_TEXT: ReadonlyMap<string, string> = new Map(
  Object.values(QUESTION_SETS).flatMap((set) => set.questions.filter((q): q is ScaleQuestion => q.kind === 'scale').map((q) => [q.id, q.text] as const)).reverse(),
);

/**
 * The results for the monthly meeting over a range of months (an invitation counts in the month it
 * was sent, its answer with it): response rates by trigger, team and month, each question's
 * distribution and mean, its monthly means, the CYP involvement measure, themes and comments.
 */
export async function surveyResults(pool: Pool, schema: string, f: ResultsFilter, commentTexts: (ids: string[]) => Promise<Map<string, string>>) {
  const s = `"${schema}"`;
  const params: unknown[] = [f.from, f.to];
  const where = ['month BETWEEN $1 AND $2'];
  if (f.trigger) where.push(`trigger = $${params.push(f.trigger)}`);
  // the counts name no team as '' (a key column); the comments, as null
  const counted = [...where];
  if (f.team) {
    const at = params.push(f.team === 'unallocated' ? '' : f.team);
    counted.push(`team_key = $${at}`);
    where.push(f.team === 'unallocated' ? `(team IS NULL AND $${at} = '')` : `team = $${at}`);
  }
  const w = where.join(' AND ');
  const c = counted.join(' AND ');
  const [rates, scores, themes, comments] = await Promise.all([
    pool.query(`SELECT month, trigger, CASE team_key WHEN '' THEN 'unallocated' ELSE team_key END AS team, invited, answered, suppressed
      FROM ${s}.rm_survey_month_counts WHERE ${c}`, params),
    pool.query(`SELECT month, question, score, sum(n) AS n FROM ${s}.rm_survey_month_scores WHERE ${c} GROUP BY month, question, score`, params),
    pool.query(`SELECT theme, count(*) AS n FROM ${s}.rm_survey_comments, unnest(themes) AS theme WHERE ${w} GROUP BY theme ORDER BY n DESC, theme`, params),
    pool.query(`SELECT invitation_id::text, document_id::text, themes, answered_on::text, trigger FROM ${s}.rm_survey_comments WHERE ${w}
      ORDER BY answered_on DESC, invitation_id LIMIT ${COMMENTS_SHOWN}`, params),
  ]);

  type Counts = { invited: number; answered: number; suppressed: number };
  const add = (m: Map<string, Counts>, key: string, r: Counts) => {
    const c = m.get(key) ?? { invited: 0, answered: 0, suppressed: 0 };
    m.set(key, { invited: c.invited + r.invited, answered: c.answered + r.answered, suppressed: c.suppressed + r.suppressed });
  };
  const total = new Map<string, Counts>();
  const byTrigger = new Map<string, Counts>();
  const byTeam = new Map<string, Counts>();
  const byMonth = new Map<string, Counts>();
  for (const r of rates.rows as { month: string; trigger: string; team: string; invited: string; answered: string; suppressed: string }[]) {
    const c = { invited: Number(r.invited), answered: Number(r.answered), suppressed: Number(r.suppressed) };
    add(total, 'all', c);
    add(byTrigger, r.trigger, c);
    add(byTeam, r.team, c);
    add(byMonth, r.month, c);
  }
  const withRate = ([key, c]: [string, Counts]) => ({ key, ...c, responseRate: rate(c.answered, c.invited) });

  type Dist = { n: number; sum: number; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
  const perQuestion = new Map<string, Dist>();
  const perMonth = new Map<string, Map<string, { n: number; sum: number }>>();
  for (const r of scores.rows as { month: string; question: string; score: number; n: string }[]) {
    const n = Number(r.n);
    const d = perQuestion.get(r.question) ?? { n: 0, sum: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } };
    d.n += n;
    d.sum += n * r.score;
    d.distribution[String(r.score) as '1'] += n;
    perQuestion.set(r.question, d);
    const month = perMonth.get(r.month) ?? new Map();
    const m = month.get(r.question) ?? { n: 0, sum: 0 };
    month.set(r.question, { n: m.n + n, sum: m.sum + n * r.score });
    perMonth.set(r.month, month);
  }
  const cyp = perQuestion.get(CYP_INVOLVEMENT_QUESTION);
  const texts = await commentTexts((comments.rows as { document_id: string }[]).map((c) => c.document_id));
  const all = total.get('all') ?? { invited: 0, answered: 0, suppressed: 0 };
  return {
    from: f.from, to: f.to, trigger: f.trigger ?? null, team: f.team ?? null,
    invited: all.invited, answered: all.answered, suppressed: all.suppressed, responseRate: rate(all.answered, all.invited),
    byTrigger: [...byTrigger].map(withRate).map(({ key, ...c }) => ({ trigger: key, ...c })).sort((a, b) => a.trigger.localeCompare(b.trigger)),
    byTeam: [...byTeam].map(withRate).map(({ key, ...c }) => ({ team: key, ...c })).sort((a, b) => a.team.localeCompare(b.team)),
    byMonth: monthsBetween(f.from, f.to).map((month) => {
      const c = byMonth.get(month) ?? { invited: 0, answered: 0, suppressed: 0 };
      const means = Object.fromEntries([...(perMonth.get(month) ?? new Map<string, { n: number; sum: number }>())].sort(([a], [b]) => a.localeCompare(b)).map(([q, m]) => [q, mean(m.sum, m.n)]));
      return { month, ...c, responseRate: rate(c.answered, c.invited), means };
    }),
    questions: [...perQuestion].sort(([a], [b]) => a.localeCompare(b)).map(([question, d]) => ({
      question, text: QUESTION_TEXT.get(question) ?? question, n: d.n, mean: mean(d.sum, d.n), distribution: d.distribution,
    })),
    cypInvolvement: {
      question: CYP_INVOLVEMENT_QUESTION, text: QUESTION_TEXT.get(CYP_INVOLVEMENT_QUESTION) ?? null, n: cyp?.n ?? 0, mean: cyp ? mean(cyp.sum, cyp.n) : null,
      // agreeing: a 4 or a 5
      involvedShare: cyp && cyp.n > 0 ? Math.round(((cyp.distribution['4'] + cyp.distribution['5']) / cyp.n) * 1000) / 10 : null,
    },
    themes: (themes.rows as { theme: string; n: string }[]).map((t) => ({ theme: t.theme, count: Number(t.n) })),
    comments: (comments.rows as { invitation_id: string; document_id: string; themes: string[]; answered_on: string; trigger: string }[])
      .filter((c) => texts.has(c.document_id))
      .map((c) => ({ invitationId: c.invitation_id, answeredOn: c.answered_on, trigger: c.trigger, themes: c.themes, text: texts.get(c.document_id)! })),
  };
}

/** YYYY-MM months from one to the other, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m === 13) { m = 1; y++; }
  }
  return out;
}
