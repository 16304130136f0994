import { problem, type ProblemException } from '@ehc/platform';
import type { RuleBroken } from '../domain/needs-assessment';

/** The one table from a broken rule to its HTTP status (STYLE §7). */
const RULES: Record<RuleBroken, { status: number; title: string; field?: string }> = {
  RequestAlreadyRecorded: { status: 409, title: 'This case already has its request recorded' },
  DateInFuture: { status: 422, title: 'An effective date cannot be in the future', field: 'receivedOn' },
};

export function ruleProblem(rule: RuleBroken, detail?: string): ProblemException {
  const { status, title, field } = RULES[rule];
  return problem(status, rule, title, detail, field ? { errors: [{ field, rule, message: title }] } : {});
}
