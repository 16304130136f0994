import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { isUuid } from '@ehc/domain-kernel';
import { PersonalData } from '@ehc/personal-data';
import { problem } from '@ehc/http';
import { type ServiceRuntime } from '@ehc/host';
import { RUNTIME } from './needs-assessments.controller';
import { Allow, CASE_READERS, HUB_SERVICE_ROLE, NotScoped } from '@ehc/identity';
import { AuditedRead } from '@ehc/audit';

/**
 * The person directory other services ask for the details behind a person id they were given in
 * a published event (the annual review keeps its own erasable copy). Erased people are not found.
 */
@ApiTags('people')
@Allow(...CASE_READERS, HUB_SERVICE_ROLE)
@Controller('people')
export class PeopleController {
  private readonly personal: PersonalData;

  constructor(@Inject(RUNTIME) runtime: ServiceRuntime) {
    this.personal = new PersonalData(runtime.dataSource, runtime.schema);
  }

  @Get(':personId')
  @NotScoped('a child\'s name, date of birth and the family\'s e-mail, for staff checking whether a child is already known before recording a request, and for the hub\'s services; looked up by an id only a case or plan gives')
  @AuditedRead('person')
  @ApiOperation({ summary: "A child's or young person's details by person id (for other services of the hub)" })
  async get(@Param('personId') personId: string) {
    const person = isUuid(personId) ? await this.personal.person(personId.toLowerCase()) : null;
    if (!person || person.erasedAt) throw problem(404, 'PersonNotFound', 'No such person', `No person ${personId}`);
    return { givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth, email: (person.contact?.email as string | undefined) ?? null };
  }
}
