import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { correlation } from './logger';
import { WrongExpectedRevisionError } from '@ehc/event-store';

/** RFC 9457 problem details; `type` names the rule that was broken. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** For 400s: the request fields at fault, each with the rule it breaks. */
  errors?: { field: string; rule: string; message: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://ehc-hub.example/problems/';

/** Thrown by controllers and handlers; the filter turns it into an RFC 9457 response. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export function problem(status: number, rule: string, title: string, detail?: string, extensions: Record<string, unknown> = {}): ProblemException {
  return new ProblemException({ type: PROBLEM_BASE + rule, title, status, detail, ...extensions });
}

/** Every error leaves as application/problem+json, with the correlation id to find it in the logs. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toProblem(exception);
    const correlationId = correlation.getStore()?.correlationId;
    if (body.status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    response.status(body.status).type('application/problem+json').json({ ...body, correlationId });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof WrongExpectedRevisionError) {
      return {
        type: PROBLEM_BASE + 'StaleExpectedRevision', title: 'The case has changed since it was read', status: 409,
        detail: exception.message, currentRevision: exception.actual,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      if (status === 400 && typeof res === 'object' && res && 'message' in res && /JSON/i.test(String((res as { message: unknown }).message))) {
        return { type: PROBLEM_BASE + 'MalformedJson', title: 'The request body is not valid JSON', status, errors: [{ field: 'body', rule: 'MalformedJson', message: String((res as { message: unknown }).message) }] };
      }
      return { type: PROBLEM_BASE + (status === 404 ? 'NotFound' : `Http${status}`), title: exception.message, status };
    }
    return { type: PROBLEM_BASE + 'InternalError', title: 'Something went wrong on our side', status: 500 };
  }
}

/** How a service's broken rule is answered: 409 the state has moved on, 422 the request breaks a rule itself. */
export interface RuleAnswer {
  status: 404 | 409 | 422;
  title: string;
  /** The request field at fault, when one is. */
  field?: string;
}

/**
 * Builds a service's one rule-to-problem function from its one table (STYLE §7): the problem names
 * the rule in its `type`, and the field at fault under `errors`.
 */
export function ruleProblems<R extends string>(rules: Record<R, RuleAnswer>) {
  return (rule: R, detail?: string, fieldOverride?: string): ProblemException => {
    const { status, title, field } = rules[rule];
    const f = fieldOverride ?? field;
    return problem(status, rule, title, detail, f ? { errors: [{ field: f, rule, message: title }] } : {});
  };
}
