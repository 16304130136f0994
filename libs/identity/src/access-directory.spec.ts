import { createTestSchema, type TestSchema } from '@ehc/testing';
import { DirectoryRefused, PostgresAccessDirectory } from './access-directory';

const CHILD = '4f0c2a9e-8a6b-4c1d-9a57-2f1de3b0c6a1';
const ADVICE = '0b7e5d2c-1f4a-4e8b-b3c9-6d5a4e3f2b1a';

/** The access directory's teams and links, in a schema of its own on the run's PostgreSQL. */
describe('the access directory (real PostgreSQL)', () => {
  let schema: TestSchema;
  let directory: PostgresAccessDirectory;

  beforeEach(async () => {
    schema = await createTestSchema('access_directory');
    directory = await PostgresAccessDirectory.open(schema.pool, schema.schema);
  });
  afterEach(async () => {
    await schema.drop();
  });

  const refusal = async (change: Promise<unknown>) => {
    const error = await change.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryRefused);
    return { field: (error as DirectoryRefused).field, message: (error as DirectoryRefused).message };
  };

  it('creates a team, then renames it and clears its area, keeping its members', async () => {
    expect(await directory.saveTeam({ teamId: 'north', name: ' North team ', area: 'North' }, 'admin-sam'))
      .toEqual({ teamId: 'north', name: 'North team', area: 'North', members: [] });
    await directory.addMember('north', 'cw-ayesha', 'admin-sam');
    expect(await directory.saveTeam({ teamId: 'north', name: 'North and coast' }, 'admin-sam'))
      .toEqual({ teamId: 'north', name: 'North and coast', area: null, members: ['cw-ayesha'] });
    await directory.saveTeam({ teamId: 'east', name: 'East team', area: 'East' }, 'admin-sam');
    expect((await directory.teams()).map((t) => t.teamId)).toEqual(['east', 'north']);
    expect(await directory.team('west')).toBeNull();
  });

  it('adds and removes members idempotently, saying whether anything changed', async () => {
    await directory.saveTeam({ teamId: 'north', name: 'North team' }, 'admin-sam');
    expect(await directory.addMember('north', 'cw-ayesha', 'admin-sam')).toBe(true);
    expect(await directory.addMember('north', 'cw-ayesha', 'admin-sam')).toBe(false);
    expect(await directory.addMember('north', 'tm-priya', 'admin-sam')).toBe(true);
    expect((await directory.team('north'))!.members).toEqual(['cw-ayesha', 'tm-priya']);
    expect(await directory.removeMember('north', 'cw-ayesha')).toBe(true);
    expect(await directory.removeMember('north', 'cw-ayesha')).toBe(false);
    expect((await directory.team('north'))!.members).toEqual(['tm-priya']);
  });

  it('answers the guard\'s questions: relations, teams of a caseworker, members of teams, staff in any team', async () => {
    await directory.saveTeam({ teamId: 'north', name: 'North team' }, 'admin-sam');
    await directory.saveTeam({ teamId: 'east', name: 'East team' }, 'admin-sam');
    await directory.addMember('north', 'cw-ayesha', 'admin-sam');
    await directory.addMember('east', 'cw-ayesha', 'admin-sam');
    await directory.addMember('east', 'cw-ben', 'admin-sam');
    expect(await directory.link('parent-okafor', 'child', CHILD.toUpperCase(), 'admin-sam')).toBe(true);
    expect(await directory.link('parent-okafor', 'child', CHILD, 'admin-sam')).toBe(false);
    await directory.link('setting-oak', 'setting', '120345', 'admin-sam');
    await directory.link('ed-psych', 'advice-request', ADVICE, 'admin-sam');

    expect(await directory.relationsOf('cw-ayesha')).toEqual({ teams: expect.arrayContaining(['east', 'north']), children: [], settings: [], adviceRequests: [] });
    expect(await directory.relationsOf('parent-okafor')).toEqual({ teams: [], children: [CHILD], settings: [], adviceRequests: [] });
    expect(await directory.relationsOf('setting-oak')).toEqual({ teams: [], children: [], settings: ['120345'], adviceRequests: [] });
    expect(await directory.relationsOf('ed-psych')).toEqual({ teams: [], children: [], settings: [], adviceRequests: [ADVICE] });
    expect(await directory.relationsOf('nobody')).toEqual({ teams: [], children: [], settings: [], adviceRequests: [] });
    expect(await directory.teamsOf('cw-ayesha')).toEqual(['east', 'north']);
    // the guard's one round trip: the caller's relations and the case's caseworker's teams
    expect(await directory.relationsFor('parent-okafor', 'cw-ayesha')).toEqual({
      relations: { teams: [], children: [CHILD], settings: [], adviceRequests: [] }, caseworkerTeams: expect.arrayContaining(['east', 'north']),
    });
    expect((await directory.relationsFor('cw-ayesha', null)).caseworkerTeams).toEqual([]);
    expect(await directory.membersOf(['north'])).toEqual(['cw-ayesha']);
    expect(await directory.membersOf(['north', 'east'])).toEqual(['cw-ayesha', 'cw-ben']);
    expect(await directory.membersOf([])).toEqual([]);
    expect(await directory.staffInTeams()).toEqual(['cw-ayesha', 'cw-ben']);

    expect(await directory.linksOf('parent-okafor')).toEqual([{ kind: 'child', target: CHILD, linkedBy: 'admin-sam', linkedAt: expect.any(String) }]);
    expect(await directory.unlink('parent-okafor', 'child', CHILD)).toBe(true);
    expect(await directory.unlink('parent-okafor', 'child', CHILD)).toBe(false);
    expect(await directory.relationsOf('parent-okafor')).toEqual({ teams: [], children: [], settings: [], adviceRequests: [] });
  });

  it('refuses, naming the field, a bad team id, a team without a name, a member of no team, a malformed child, setting, kind or subject; and changes nothing', async () => {
    expect(await refusal(directory.saveTeam({ teamId: 'North Team', name: 'North' }, 'admin-sam'))).toMatchObject({ field: 'teamId' });
    expect(await refusal(directory.saveTeam({ teamId: 'north', name: '  ' }, 'admin-sam'))).toMatchObject({ field: 'name' });
    expect(await refusal(directory.saveTeam({ teamId: 'north', name: 'North', area: 'x'.repeat(201) }, 'admin-sam'))).toMatchObject({ field: 'area' });
    expect(await refusal(directory.addMember('west', 'cw-ayesha', 'admin-sam'))).toEqual({ field: 'teamId', message: 'there is no team west' });
    await directory.saveTeam({ teamId: 'north', name: 'North team' }, 'admin-sam');
    expect(await refusal(directory.addMember('north', 'cw ayesha', 'admin-sam'))).toMatchObject({ field: 'subject' });
    expect(await refusal(directory.link('parent-okafor', 'setting', '12345', 'admin-sam'))).toMatchObject({ field: 'target', message: expect.stringContaining('URN') });
    expect(await refusal(directory.link('parent-okafor', 'setting', '12345678', 'admin-sam'))).toMatchObject({ field: 'target' });
    expect(await refusal(directory.link('parent-okafor', 'child', 'not-a-person', 'admin-sam'))).toMatchObject({ field: 'target', message: expect.stringContaining('UUID') });
    expect(await refusal(directory.link('parent-okafor', 'sibling', CHILD, 'admin-sam'))).toMatchObject({ field: 'kind' });
    expect(await refusal(directory.link('', 'child', CHILD, 'admin-sam'))).toMatchObject({ field: 'subject' });
    expect(await directory.teams()).toEqual([{ teamId: 'north', name: 'North team', area: null, members: [] }]);
    expect(await directory.linksOf('parent-okafor')).toEqual([]);
  });

  it('opens twice on the same schema (two hosts starting at once, or one after the other) and both see the same rows', async () => {
    const [a, b] = await Promise.all([PostgresAccessDirectory.open(schema.pool, schema.schema), PostgresAccessDirectory.open(schema.pool, schema.schema)]);
    await a.saveTeam({ teamId: 'north', name: 'North team' }, 'admin-sam');
    await b.addMember('north', 'cw-ayesha', 'admin-sam');
    expect(await directory.teamsOf('cw-ayesha')).toEqual(['north']);
    await expect(PostgresAccessDirectory.open(schema.pool, 'Bad Schema')).rejects.toThrow(/not a schema name/);
  });
});
