import { scopeShows, type ListScope } from '@ehc/identity';
import {
  compare, isAfter, phaseTransferLatestAmendmentNotice, phaseTransferLatestReviewMeeting, phaseTransferRule, POST_16_TRANSFER_RULE, type CalendarDate,
} from '@ehc/domain-kernel';
import { PersonalData } from '@ehc/personal-data';
import type { DataSource } from 'typeorm';
import { transferCohort } from '../../domain/phase-transfer';
import { PlanFile } from '../read-models/plan-file.entity';
import { upcomingReviewDue, type PlanFileView } from '../read-models/plan-file.view';
import type { SettingsDirectory } from '../settings/settings-directory';

/**
 * "Who transfers in a calendar year, and by when must their plan be amended?" (reg 18): the reg 2
 * phase-transfer cohort for September, and the reg 18(2) moves between post-16 institutions dated
 * in that year, each with the last lawful day in the Regulations' words.
 */
export async function transfersOfYear(dataSource: DataSource, schema: string, settings: SettingsDirectory, year: number, today: CalendarDate, scope: ListScope) {
  const personal = new PersonalData(dataSource, schema);
  const children = async (views: PlanFileView[]) => {
    const people = new Map(await Promise.all([...new Set(views.map((v) => v.childId))].map(async (id) => [id, await personal.person(id)] as const)));
    return (view: PlanFileView) => {
      const person = people.get(view.childId);
      return person && !person.erasedAt ? { id: view.childId, givenName: person.givenName, familyName: person.familyName } : { id: view.childId };
    };
  };

  const rows = (await dataSource.getRepository(PlanFile).createQueryBuilder('p')
    .where('p.status NOT IN (:...ended)', { ended: ['ceased', 'closed'] }).andWhere('p.reception_year IS NOT NULL').getMany())
    .filter((r) => scopeShows(scope, r.caseworkerId));
  const directory = await settings.byUrns([...new Set(rows.map((r) => r.settingUrn).filter((u): u is string => !!u))]);
  const candidates = rows.map((r) => {
    const s = r.settingUrn ? directory.get(r.settingUrn) : undefined;
    return {
      planId: r.view.planId, view: r.view, cohort: r.view.cohort!,
      setting: s ? { type: s.type, phase: s.phase, lowAge: s.lowAge, highAge: s.highAge } : { type: r.view.namedSetting.type, phase: r.view.namedSetting.phase, lowAge: null, highAge: null },
    };
  });
  const cohort = transferCohort(candidates, year);
  const childOf = await children(cohort.map((c) => c.view));

  const moves = (await dataSource.getRepository(PlanFile).createQueryBuilder('p')
    .where('p.status NOT IN (:...ended)', { ended: ['ceased', 'closed'] })
    .andWhere(`p.view -> 'post16Transfer' ->> 'transferOn' LIKE :year`, { year: `${year}-%` }).getMany())
    .filter((r) => scopeShows(scope, r.caseworkerId))
    .map((r) => r.view)
    .sort((a, b) => compare(a.post16Transfer!.deadline, b.post16Transfer!.deadline) || (a.planId < b.planId ? -1 : 1));
  const childOfMove = await children(moves);

  return {
    year, asOf: today, total: cohort.length,
    items: cohort.map(({ view, transfer }) => {
      const recorded = view.phaseTransfer && view.phaseTransfer.transferYear === year ? view.phaseTransfer : null;
      return {
        planId: view.planId, reference: view.reference, child: childOf(view), caseworker: view.caseworkerId,
        currentSetting: view.namedSetting, kind: transfer.kind, fromYearGroup: transfer.fromYearGroup, toYearGroup: transfer.toYearGroup,
        deadline: transfer.deadline, rule: phaseTransferRule(transfer.kind),
        latestAmendmentNotice: transfer.latestAmendmentNotice, latestReviewMeeting: transfer.latestReviewMeeting,
        amendedPlanIssuedOn: recorded?.amendedOn ?? null, onTime: recorded ? recorded.met : isAfter(today, transfer.deadline) ? false : null,
        nextReviewDue: upcomingReviewDue(view),
      };
    }),
    post16Transfers: moves.map((view) => {
      const move = view.post16Transfer!;
      return {
        planId: view.planId, reference: view.reference, child: childOfMove(view), caseworker: view.caseworkerId,
        currentSetting: view.namedSetting, newInstitution: move.newInstitution, transferOn: move.transferOn,
        deadline: move.deadline, rule: POST_16_TRANSFER_RULE,
        latestAmendmentNotice: phaseTransferLatestAmendmentNotice(move.deadline), latestReviewMeeting: phaseTransferLatestReviewMeeting(move.deadline),
        amendedPlanIssuedOn: move.amendedOn, onTime: move.amendedOn ? move.met : isAfter(today, move.deadline) ? false : null,
        nextReviewDue: upcomingReviewDue(view),
      };
    }),
  };
}
