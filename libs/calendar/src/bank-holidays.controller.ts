import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { bankHolidayName } from '@ehc/domain-kernel';
import { requestContext } from '@ehc/commands';
import { PROBLEM_BASE, ProblemException, ruleProblems, type RuleAnswer } from '@ehc/http';
import { BodyReader, QueryReader } from '@ehc/http';
import type { BankHolidayCalendar, OneOffRefusal } from './bank-holiday-calendar';
import { readPublishedList } from './published-list';
import { Allow, STAFF_ROLES } from '@ehc/identity';

export const BANK_HOLIDAY_CALENDAR = Symbol('BANK_HOLIDAY_CALENDAR');

/** The one table from a refused calendar change to its HTTP status (STYLE §7). */
const RULES: Record<OneOffRefusal, RuleAnswer> = {
  NotABankHoliday: { status: 422, title: 'That date is not a bank holiday, so there is nothing to cancel', field: 'date' },
  AlreadyABankHoliday: { status: 422, title: 'That date is already a bank holiday', field: 'date' },
};
const refused = ruleProblems(RULES);

const YEAR_EXAMPLE = {
  year: 2028, confirmed: true, confirmedThrough: 2028,
  holidays: [
    { date: '2028-01-03', name: 'New Year’s Day (substitute day)' }, { date: '2028-04-14', name: 'Good Friday' },
    { date: '2028-04-17', name: 'Easter Monday' }, { date: '2028-05-01', name: 'Early May bank holiday' },
    { date: '2028-05-29', name: 'Spring bank holiday' }, { date: '2028-08-28', name: 'Summer bank holiday' },
    { date: '2028-12-25', name: 'Christmas Day' }, { date: '2028-12-26', name: 'Boxing Day' },
  ],
};

const PUBLISHED_EXAMPLE = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { title: 'New Year’s Day', date: '2027-01-01', notes: '', bunting: true },
      { title: 'Good Friday', date: '2027-03-26', notes: '', bunting: false },
      { title: 'Easter Monday', date: '2027-03-29', notes: '', bunting: true },
      { title: 'Early May bank holiday', date: '2027-05-03', notes: '', bunting: true },
      { title: 'Spring bank holiday', date: '2027-05-31', notes: '', bunting: true },
      { title: 'Summer bank holiday', date: '2027-08-30', notes: '', bunting: true },
      { title: 'Christmas Day', date: '2027-12-27', notes: 'Substitute day', bunting: true },
      { title: 'Boxing Day', date: '2027-12-28', notes: 'Substitute day', bunting: true },
    ],
  },
  scotland: { division: 'scotland', events: [] },
  'northern-ireland': { division: 'northern-ireland', events: [] },
};

const malformed = (errors: { field: string; rule: string; message: string }[]) => new ProblemException({
  type: PROBLEM_BASE + errors[0].rule, title: 'The request is not valid', status: 400,
  detail: errors.map((e) => e.message).join('; '), errors,
});

/**
 * The hub's bank-holiday calendar over HTTP (domain §11.3): read a year, import the published list,
 * record a one-off proclamation. In distributed mode each service process keeps its own calendar.
 */
@ApiTags('calendar')
@Allow(...STAFF_ROLES)
@Controller('calendar/bank-holidays')
export class BankHolidaysController {
  constructor(@Inject(BANK_HOLIDAY_CALENDAR) private readonly calendar: BankHolidayCalendar) {}

  @Get()
  @ApiOperation({ summary: 'The England and Wales bank holidays of a year, as every working-day rule now counts them' })
  @ApiQuery({ name: 'year', required: true, type: Number, example: 2028 })
  @ApiOkResponse({ description: 'The effective list, and whether the year was confirmed against the published list', schema: { example: YEAR_EXAMPLE } })
  @ApiResponse({ status: 400, description: 'year is missing or not a four-digit year: the problem names the field' })
  year(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const raw = q.text('year', { maxLength: 4 });
    if (raw === undefined) q.reject('year', 'Required', 'year is required');
    else if (!/^\d{4}$/.test(raw) || Number(raw) < 1) q.reject('year', 'InvalidYear', 'year must be a four-digit year, e.g. 2028');
    q.done();
    return this.calendar.year(Number(raw));
  }

  @Allow('administrator')
  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import the published bank-holidays list (GOV.UK format): every year it covers is confirmed, and its differences from the rule become that year’s proclamations',
    description: 'Only the england-and-wales division is read. Importing the same list again changes nothing. A year lacking more than two of the rule’s days is refused as truncated.',
  })
  @ApiBody({
    schema: {
      type: 'object', required: ['england-and-wales'],
      properties: {
        'england-and-wales': {
          type: 'object', required: ['events'],
          properties: {
            division: { type: 'string' },
            events: {
              type: 'array',
              items: { type: 'object', required: ['title', 'date'], properties: { title: { type: 'string' }, date: { type: 'string', format: 'date' }, notes: { type: 'string' }, bunting: { type: 'boolean' } } },
            },
          },
        },
        // the published file has them; they are read past, not refused
        scotland: { type: 'object', description: 'Not read: the hub counts working days in England.' },
        'northern-ireland': { type: 'object', description: 'Not read: the hub counts working days in England.' },
      },
      example: PUBLISHED_EXAMPLE,
    },
  })
  @ApiOkResponse({
    description: 'The years confirmed, how far the calendar is now confirmed, and where the list differs from the rule',
    schema: { example: { yearsConfirmed: [2027, 2028], confirmedThrough: 2028, proclamations: [{ date: '2028-05-01', name: 'Early May bank holiday', kind: 'cancelled' }, { date: '2028-05-05', name: 'Early May bank holiday (VE Day)', kind: 'extra' }] } },
  })
  @ApiResponse({ status: 400, description: 'No england-and-wales division, or an event without a YYYY-MM-DD date or a title: the problem names each field (england-and-wales.events[3].date)' })
  @ApiResponse({ status: 422, description: 'PublishedYearIncomplete: a year lacks more than two of the rule’s bank holidays, so the list looks truncated' })
  async import(@Body() body: unknown, @Req() req: Request) {
    const reading = readPublishedList(body);
    if (!reading.ok) {
      if ('malformed' in reading) throw malformed(reading.malformed);
      throw new ProblemException({
        type: PROBLEM_BASE + 'PublishedYearIncomplete', title: 'The published list lacks bank holidays the rule gives: it looks truncated', status: 422,
        detail: reading.incomplete.map((e) => e.message).join('; '), errors: reading.incomplete,
      });
    }
    return this.calendar.importPublished(reading.holidays, this.actor(req), 'published list (POST /calendar/bank-holidays/import)');
  }

  @Allow('administrator')
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record one proclamation: an extra bank holiday, or a bank holiday cancelled (moved days are one of each)',
    description: 'For a proclamation made after the last published list was imported. Working-day rules follow it at once.',
  })
  @ApiBody({
    schema: {
      type: 'object', required: ['date'],
      properties: {
        date: { type: 'string', format: 'date' },
        name: { type: 'string', description: 'required for an extra day; a cancelled day keeps its own name if none is given' },
        kind: { type: 'string', enum: ['extra', 'cancelled'], default: 'extra' },
      },
      example: { date: '2029-06-01', name: 'Bank holiday for a royal occasion', kind: 'extra' },
    },
  })
  @ApiCreatedResponse({ description: 'The effective list of that year, with the proclamation', schema: { example: YEAR_EXAMPLE } })
  @ApiResponse({ status: 400, description: 'date missing or not YYYY-MM-DD, kind not extra or cancelled, name missing for an extra day: the problem names each field' })
  @ApiResponse({ status: 422, description: 'AlreadyABankHoliday (extra on a bank holiday) or NotABankHoliday (cancelling a day that is not one)' })
  async record(@Body() body: unknown, @Req() req: Request) {
    const input = new BodyReader(body);
    const date = input.date('date');
    const given = input.oneOf('kind', ['extra', 'cancelled'] as const, { required: false });
    const kind = given ?? (input.raw('kind') === undefined || input.raw('kind') === null ? 'extra' : undefined);
    // an unknown kind is its own fault: whether a name is needed then is not known
    const name = input.string('name', { required: kind === 'extra', maxLength: 200 });
    input.done();
    const result = await this.calendar.recordOneOff(
      { date: date!, kind: kind!, name: name ?? bankHolidayName(date!) ?? 'Cancelled bank holiday' },
      this.actor(req), 'administrator (POST /calendar/bank-holidays)',
    );
    if (!result.ok) throw refused(result.refusal, `${date} ${result.refusal === 'NotABankHoliday' ? 'is not' : 'is already'} a bank holiday in England and Wales`);
    return result.year;
  }

  private actor(req: Request): string {
    return requestContext(req, '').actor.id;
  }
}
