import { ROLES, type RoleName } from '@hub/access';
import { addDays, todayInChina } from '@hub/scalars';
import { query as sql } from '../support/database';
import { roleHeaders } from '../support/access';
import { startTestHub, type TestHub } from '../support/hub';
import { errorsAt, ID_NUMBER, MASKED_ID_NUMBER, MASKED_PHONE, PHONE, postGraphQL, type GraphQLErrorBody } from './support';

/**
 * Who sees what, through the real gateway and the four subgraphs on the demo data. Each demo role is
 * minted for its default region; the household and person live in the grid worker's community
 * (370703001001), so every role's jurisdiction holds them and only scopes make the difference.
 *
 *   V  the value                                   M  masked (370703********0196, 136****3006)
 *   U  unmasked with X-Purpose, masked without     A  the value with X-Purpose, null + FORBIDDEN without
 *   F  null with FORBIDDEN at this path            ·  not reached: an enclosing field was refused
 */
const MATRIX = `
  field                            grid-worker  civil-affairs-officer  employment-officer  safety-officer  dashboard-viewer  auditor
  household                             V                V                     V                V               F             F
  household.householdNumber             V                V                     V                V               ·             ·
  household.receivesDibao               V                V                     V                F               ·             ·
  household.zeroEmploymentFamily        V                V                     V                F               ·             ·
  household.injuries                    A                F                     F                A               ·             ·
  person                                V                V                     V                V               F             F
  person.name                           V                V                     V                V               ·             ·
  person.idNumber                       M                U                     U                M               ·             ·
  person.phone                          M                U                     U                M               ·             ·
  person.disabilityGrade                A                A                     A                F               ·             ·
  person.employmentHistory              V                V                     V                F               ·             ·
  person.employmentDifficulty           A                A                     A                F               ·             ·
  person.highRisk                       A                F                     F                A               ·             ·
  person.supervisionFile                F                F                     F                A               ·             ·
  application                           V                V                     V                F               F             F
  application.stage                     V                V                     V                ·               ·             ·
  income                                V                V                     V                F               F             F
  income.declaredMonthlyIncome          F                A                     F                ·               ·             ·
  region                                V                V                     V                V               V             F
  region.name                           V                V                     V                V               V             ·
  region.population                     V                V                     V                V               V             ·
  region.communityStatistics            V                V                     V                V               V             ·
  region.civilAffairsStatistics         V                V                     V                F               V             ·
  region.employmentStatistics           V                V                     V                F               V             ·
  region.safetyStatistics               V                F                     F                V               V             ·
  communityAccessAudit                  F                F                     F                F               F             V
  civilAffairsAccessAudit               F                F                     F                F               F             V
  employmentAccessAudit                 F                F                     F                F               F             V
  safetyAccessAudit                     F                F                     F                F               F             V
`;

type Cell = 'V' | 'M' | 'U' | 'A' | 'F' | '·';
type Observed = Exclude<Cell, 'A'> | '?';

function parseMatrix(text: string): { roles: RoleName[]; rows: { path: string; cells: Record<string, Cell> }[] } {
  const [header, ...lines] = text.trim().split('\n').map((line) => line.trim().split(/\s+/));
  const roles = header!.slice(1) as RoleName[];
  return {
    roles,
    rows: lines.map(([path, ...cells]) => ({ path: path!, cells: Object.fromEntries(roles.map((role, i) => [role, cells[i] as Cell])) })),
  };
}

const { roles: MATRIX_ROLES, rows: MATRIX_ROWS } = parseMatrix(MATRIX);
const AUDIT_QUERIES = ['communityAccessAudit', 'civilAffairsAccessAudit', 'employmentAccessAudit', 'safetyAccessAudit'];

/** One query over the four programmes and the sensitive fields; the audit queries go one per operation (non-null roots). */
const MATRIX_QUERY = `
  query Matrix($householdId: ID!, $personId: ID!, $applicationId: ID!, $region: String!) {
    household(id: $householdId) {
      householdNumber
      receivesDibao
      zeroEmploymentFamily { current }
      injuries { id }
    }
    person(id: $personId) {
      name
      idNumber
      phone
      disabilityGrade
      employmentHistory { status }
      employmentDifficulty { categories }
      highRisk
      supervisionFile { category }
    }
    application: dibaoApplication(id: $applicationId) { stage }
    income: dibaoApplication(id: $applicationId) { declaredMonthlyIncome }
    region(code: $region) {
      name
      population
      communityStatistics { households }
      civilAffairsStatistics { urbanDibaoHouseholds }
      employmentStatistics { employed }
      safetyStatistics { injuries }
    }
  }`;

const PURPOSE = '社区走访核查 (access matrix test)';
const DECLARED_INCOME = '1234.56';
const DISABILITY_GRADE = 2;

const maskIdNumber = (value: string) => `${value.slice(0, 6)}${'*'.repeat(8)}${value.slice(14)}`;
const maskPhone = (value: string) => `${value.slice(0, 3)}****${value.slice(7)}`;

function valueAt(data: unknown, path: string[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

interface Fixture {
  personId: string;
  idNumber: string;
  phone: string;
  name: string;
  householdId: string;
  householdNumber: string;
  supervisionCategory: string;
  applicationId: string;
  region: string;
  regionName: string;
}

describe('access by role: the role × field matrix and the audit trail', () => {
  let hub: TestHub;
  let fixture: Fixture;

  beforeAll(async () => {
    hub = await startTestHub({ households: 30 });
    const url = hub.database.url;
    // A released person with a phone, in the grid worker's own community, whose household has no open dibao application.
    const [pick] = await sql<{ person_id: string; id_number: string; phone: string; name: string; household_id: string; household_number: string; category: string; region_name: string }>(
      url,
      `SELECT p.id::text AS person_id, p.id_number, p.phone, p.name, h.id::text AS household_id, h.household_number, s.category::text AS category, r.name AS region_name
         FROM community.supervision_file s
         JOIN community.person p ON p.id = s.person_id
         JOIN community.household_membership m ON m.person_id = p.id AND m.end_date IS NULL
         JOIN community.household h ON h.id = m.household_id
         JOIN community.region r ON r.code = h.region_code
        WHERE h.region_code = $1 AND p.phone IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM civil_affairs.dibao_application a WHERE a.household_id = h.id AND a.stage NOT IN ('ENROLLED', 'REJECTED'))
        ORDER BY p.id LIMIT 1`,
      [ROLES['grid-worker'].defaultRegion],
    );
    if (!pick) throw new Error(`the demo data has no released person with a phone in ${ROLES['grid-worker'].defaultRegion}`);
    const members = await sql<{ person_id: string }>(url, 'SELECT person_id::text FROM community.household_membership WHERE household_id = $1 AND end_date IS NULL ORDER BY person_id', [pick.household_id]);

    // A disability certificate and a dibao application with a declared income, entered through the hub itself.
    const disability = await hub.query<{ recordDisability: { userErrors: unknown[] } }>(
      'mutation Record($input: RecordDisabilityInput!) { recordDisability(input: $input) { userErrors { field message } } }',
      { input: { personId: pick.person_id, regionCode: ROLES['grid-worker'].defaultRegion, category: 'PHYSICAL', grade: DISABILITY_GRADE, certificateNumber: `${pick.id_number}4${DISABILITY_GRADE}`, issuedDate: '2020-05-01' } },
    );
    expect(disability).toEqual({ data: { recordDisability: { userErrors: [] } } });
    const application = await hub.query<{ submitDibaoApplication: { dibaoApplication: { id: string } | null; userErrors: unknown[] } }>(
      'mutation Submit($input: SubmitDibaoApplicationInput!) { submitDibaoApplication(input: $input) { dibaoApplication { id } userErrors { field message } } }',
      {
        input: {
          programme: 'URBAN_DIBAO',
          householdId: pick.household_id,
          applicantId: pick.person_id,
          memberIds: members.map((m) => m.person_id),
          regionCode: ROLES['grid-worker'].defaultRegion,
          declaredMonthlyIncome: DECLARED_INCOME,
          declaredAssets: '5000.00',
          submittedOn: addDays(todayInChina(), -7),
          officerName: '测试经办人',
        },
      },
    );
    expect(application.errors).toBeUndefined();
    expect(application.data!.submitDibaoApplication.userErrors).toEqual([]);
    fixture = {
      personId: pick.person_id,
      idNumber: pick.id_number,
      phone: pick.phone,
      name: pick.name,
      householdId: pick.household_id,
      householdNumber: pick.household_number,
      supervisionCategory: pick.category,
      applicationId: application.data!.submitDibaoApplication.dibaoApplication!.id,
      region: ROLES['grid-worker'].defaultRegion,
      regionName: pick.region_name,
    };
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const variables = () => ({ householdId: fixture.householdId, personId: fixture.personId, applicationId: fixture.applicationId, region: fixture.region });

  /** What one answer shows at a path, in the matrix's letters. */
  function observe(answer: { data?: unknown; errors?: GraphQLErrorBody[] }, path: string): Observed {
    const keys = path.split('.');
    const here = errorsAt(answer, keys);
    if (here.length > 0) {
      const value = valueAt(answer.data, keys);
      return here.every((e) => e.extensions?.code === 'FORBIDDEN') && (value === null || value === undefined) ? 'F' : '?';
    }
    const refusedAbove = keys.slice(0, -1).some((_, i) => errorsAt(answer, keys.slice(0, i + 1)).length > 0);
    const value = valueAt(answer.data, keys);
    if (refusedAbove) return value === undefined || value === null ? '·' : '?';
    if (value === undefined) return '?';
    if (path.endsWith('idNumber')) return MASKED_ID_NUMBER.test(String(value)) ? 'M' : ID_NUMBER.test(String(value)) ? 'U' : '?';
    if (path.endsWith('phone')) return MASKED_PHONE.test(String(value)) ? 'M' : PHONE.test(String(value)) ? 'U' : '?';
    return 'V';
  }

  /** The values a V/M/U cell must hold exactly. */
  function expectedValue(path: string, seen: Observed): unknown {
    switch (path) {
      case 'household.householdNumber':
        return fixture.householdNumber;
      case 'person.name':
        return fixture.name;
      case 'person.idNumber':
        return seen === 'U' ? fixture.idNumber : maskIdNumber(fixture.idNumber);
      case 'person.phone':
        return seen === 'U' ? fixture.phone : maskPhone(fixture.phone);
      case 'person.disabilityGrade':
        return DISABILITY_GRADE;
      case 'person.supervisionFile':
        return { category: fixture.supervisionCategory };
      case 'person.employmentDifficulty':
        return expect.objectContaining({ categories: expect.arrayContaining(['DISABLED']) });
      case 'income.declaredMonthlyIncome':
        return DECLARED_INCOME;
      case 'application.stage':
        return 'SUBMITTED';
      case 'region.name':
        return fixture.regionName;
      case 'household':
      case 'person':
      case 'application':
      case 'income':
      case 'region':
        return expect.any(Object);
      default:
        return undefined;
    }
  }

  async function observeRole(role: RoleName, purpose: string | null) {
    const headers = await roleHeaders(role, undefined, purpose);
    const answer = await postGraphQL(hub.gateway.url, { query: MATRIX_QUERY, variables: variables() }, headers);
    expect(answer.status).toBe(200);
    const seen: Record<string, Observed> = {};
    const wrongValues: string[] = [];
    const purposeRefusals: string[] = [];
    for (const { path, cells } of MATRIX_ROWS) {
      if (AUDIT_QUERIES.includes(path)) {
        const audit = await postGraphQL(hub.gateway.url, { query: `{ ${path}(first: 5) { id subject } }` }, headers);
        seen[path] = observe(audit.body, path);
        if (seen[path] === 'V' && !Array.isArray(valueAt(audit.body.data, [path]))) wrongValues.push(path);
        continue;
      }
      seen[path] = observe(answer.body, path);
      const exact = expectedValue(path, seen[path]!);
      if (['V', 'M', 'U'].includes(seen[path]!) && exact !== undefined) {
        try {
          expect(valueAt(answer.body.data, path.split('.'))).toEqual(exact);
        } catch {
          wrongValues.push(`${path}: ${JSON.stringify(valueAt(answer.body.data, path.split('.')))}`);
        }
      }
      if (cells[role] === 'A' && !purpose) {
        purposeRefusals.push(...errorsAt(answer.body, path.split('.')).map((e) => e.message));
      }
    }
    return { seen, wrongValues, purposeRefusals, answer };
  }

  const expectedFor = (role: RoleName, purpose: boolean): Record<string, Observed> =>
    Object.fromEntries(
      MATRIX_ROWS.map(({ path, cells }) => {
        const cell = cells[role]!;
        if (cell === 'A') return [path, purpose ? 'V' : 'F'];
        if (cell === 'U') return [path, purpose ? 'U' : 'M'];
        return [path, cell];
      }),
    );

  it('lists every demo role, each once', () => {
    expect([...MATRIX_ROLES].sort()).toEqual(Object.keys(ROLES).sort());
  });

  it.each(MATRIX_ROLES)('%s with X-Purpose sees exactly its row of the matrix', async (role) => {
    const { seen, wrongValues } = await observeRole(role, PURPOSE);
    expect(seen).toEqual(expectedFor(role, true));
    expect(wrongValues).toEqual([]);
  });

  it.each(MATRIX_ROLES)('%s without X-Purpose: personal data masked, audited categories FORBIDDEN with the reason', async (role) => {
    const { seen, wrongValues, purposeRefusals } = await observeRole(role, null);
    expect(seen).toEqual(expectedFor(role, false));
    expect(wrongValues).toEqual([]);
    for (const message of purposeRefusals) expect(message).toMatch(/X-Purpose/);
  });

  describe('the audit trail', () => {
    const SCHEMAS = ['community', 'civil_affairs', 'employment', 'safety'] as const;

    type AuditRow = {
      id: string;
      subject: string;
      department: string | null;
      purpose: string;
      request_id: string;
      subgraph: string;
      categories: string[];
      fields: string[];
      person_ids: string[];
      row: string;
    };

    async function rowsOf(requestId: string): Promise<Record<(typeof SCHEMAS)[number], AuditRow[]>> {
      const result = {} as Record<(typeof SCHEMAS)[number], AuditRow[]>;
      for (const schema of SCHEMAS) {
        result[schema] = await sql<AuditRow>(
          hub.database.url,
          `SELECT id::text, subject, department, purpose, request_id, subgraph, categories, fields, person_ids, row_to_json(a)::text AS row
             FROM ${schema}.access_audit a WHERE request_id = $1 ORDER BY id`,
          [requestId],
        );
      }
      return result;
    }

    /** Union of the rows of one request in one subgraph (the gateway may fetch from a subgraph more than once). */
    const summary = (rows: AuditRow[]) => ({
      subjects: [...new Set(rows.map((r) => r.subject))],
      departments: [...new Set(rows.map((r) => r.department))],
      purposes: [...new Set(rows.map((r) => r.purpose))],
      subgraphs: [...new Set(rows.map((r) => r.subgraph))],
      categories: [...new Set(rows.flatMap((r) => r.categories))].sort(),
      fields: [...new Set(rows.flatMap((r) => r.fields))].sort(),
      personIds: [...new Set(rows.flatMap((r) => r.person_ids))].sort(),
    });

    async function read(role: RoleName, requestId: string, query: string, purpose: string | null = PURPOSE) {
      const answer = await postGraphQL(hub.gateway.url, { query, variables: variables() }, { ...(await roleHeaders(role, undefined, purpose)), 'x-request-id': requestId });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-request-id')).toBe(requestId);
      return answer;
    }

    it('writes who, department, purpose, request id, fields and persons for unmasked and sensitive reads, per subgraph', async () => {
      const pii = await read(
        'civil-affairs-officer',
        'audit-test-civil-affairs',
        'query A($personId: ID!, $applicationId: ID!) { person(id: $personId) { idNumber phone disabilityGrade } income: dibaoApplication(id: $applicationId) { declaredMonthlyIncome } }',
      );
      expect(pii.body).toEqual({ data: { person: { idNumber: fixture.idNumber, phone: fixture.phone, disabilityGrade: DISABILITY_GRADE }, income: { declaredMonthlyIncome: DECLARED_INCOME } } });
      const caller = { subjects: ['demo-civil-affairs-officer-370703'], departments: ['civil-affairs'], purposes: [PURPOSE] };
      const civilAffairsRead = await rowsOf('audit-test-civil-affairs');
      expect(summary(civilAffairsRead.community)).toEqual({ ...caller, subgraphs: ['community'], categories: ['PII'], fields: ['Person.idNumber', 'Person.phone'], personIds: [fixture.personId] });
      expect(summary(civilAffairsRead.civil_affairs)).toEqual({
        ...caller,
        subgraphs: ['civil-affairs'],
        categories: ['DISABILITY', 'INCOME'],
        fields: ['DibaoApplication.declaredMonthlyIncome', 'Person.disabilityGrade'],
        personIds: [fixture.personId],
      });
      expect(civilAffairsRead.employment).toEqual([]);
      expect(civilAffairsRead.safety).toEqual([]);

      const supervision = await read('safety-officer', 'audit-test-safety', 'query S($personId: ID!) { person(id: $personId) { supervisionFile { category } highRisk } }');
      expect(supervision.body.errors).toBeUndefined();
      const safetyRead = await rowsOf('audit-test-safety');
      const safetyCaller = { subjects: ['demo-safety-officer-370703'], departments: ['safety'], purposes: [PURPOSE] };
      expect(summary(safetyRead.community)).toEqual({ ...safetyCaller, subgraphs: ['community'], categories: ['SUPERVISION'], fields: ['Person.supervisionFile', 'SupervisionFile.category'], personIds: [fixture.personId] });
      expect(summary(safetyRead.safety)).toEqual({ ...safetyCaller, subgraphs: ['safety'], categories: ['DISABILITY'], fields: ['Person.highRisk'], personIds: [fixture.personId] });
      expect([...safetyRead.civil_affairs, ...safetyRead.employment]).toEqual([]);

      const difficulty = await read('employment-officer', 'audit-test-employment', 'query E($personId: ID!) { person(id: $personId) { employmentDifficulty { categories } } }');
      expect(difficulty.body.errors).toBeUndefined();
      const employmentRead = await rowsOf('audit-test-employment');
      const employmentCaller = { subjects: ['demo-employment-officer-370703'], departments: ['employment'], purposes: [PURPOSE] };
      expect(summary(employmentRead.employment)).toEqual({ ...employmentCaller, subgraphs: ['employment'], categories: ['DISABILITY'], fields: ['Person.employmentDifficulty'], personIds: [fixture.personId] });
      // Computing the difficulty read the disability grade from civil affairs (@requires): audited there too.
      expect(summary(employmentRead.civil_affairs)).toEqual({ ...employmentCaller, subgraphs: ['civil-affairs'], categories: ['DISABILITY'], fields: ['Person.disabilityGrade'], personIds: [fixture.personId] });
      expect(employmentRead.community).toEqual([]);
    });

    it('never stores the values read', async () => {
      await read('civil-affairs-officer', 'audit-test-values', 'query V($personId: ID!, $applicationId: ID!) { person(id: $personId) { name idNumber phone disabilityGrade } income: dibaoApplication(id: $applicationId) { declaredMonthlyIncome declaredAssets } }');
      const rows = Object.values(await rowsOf('audit-test-values')).flat();
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) {
        for (const secret of [fixture.idNumber, fixture.phone, fixture.name, maskIdNumber(fixture.idNumber), DECLARED_INCOME, '123456', '5000.00', '500000']) {
          expect(row.row).not.toContain(secret);
        }
      }
    });

    it('writes nothing for masked reads (no pii:read, or pii:read without X-Purpose) nor for ordinary fields', async () => {
      const masked = await read('grid-worker', 'audit-test-masked', 'query M($personId: ID!) { person(id: $personId) { name idNumber phone } }');
      expect(masked.body.data).toEqual({ person: { name: fixture.name, idNumber: maskIdNumber(fixture.idNumber), phone: maskPhone(fixture.phone) } });
      const noPurpose = await read('civil-affairs-officer', 'audit-test-no-purpose', 'query N($personId: ID!) { person(id: $personId) { idNumber phone } }', null);
      expect(noPurpose.body.data).toEqual({ person: { idNumber: maskIdNumber(fixture.idNumber), phone: maskPhone(fixture.phone) } });
      const ordinary = await read('civil-affairs-officer', 'audit-test-ordinary', 'query O($householdId: ID!) { household(id: $householdId) { householdNumber receivesDibao members { relation } } }');
      expect(ordinary.body.errors).toBeUndefined();
      for (const requestId of ['audit-test-masked', 'audit-test-no-purpose', 'audit-test-ordinary']) {
        expect({ requestId, rows: Object.values(await rowsOf(requestId)).flat() }).toEqual({ requestId, rows: [] });
      }
    });

    it('refuses UPDATE, DELETE and TRUNCATE on every subgraph audit table in the database itself', async () => {
      for (const schema of SCHEMAS) {
        const before = await sql<{ count: string }>(hub.database.url, `SELECT count(*)::text AS count FROM ${schema}.access_audit`);
        expect(Number(before[0]!.count)).toBeGreaterThan(0);
        for (const statement of [
          `UPDATE ${schema}.access_audit SET purpose = 'tampered'`,
          `UPDATE ${schema}.access_audit SET person_ids = '{}' WHERE id = (SELECT min(id) FROM ${schema}.access_audit)`,
          `DELETE FROM ${schema}.access_audit`,
          `TRUNCATE ${schema}.access_audit`,
        ]) {
          await expect(sql(hub.database.url, statement)).rejects.toThrow(/append-only/);
        }
        const after = await sql<{ count: string; tampered: string }>(
          hub.database.url,
          `SELECT count(*)::text AS count, count(*) FILTER (WHERE purpose = 'tampered')::text AS tampered FROM ${schema}.access_audit`,
        );
        expect(after[0]).toEqual({ count: before[0]!.count, tampered: '0' });
      }
    });

    it('lets the auditor read the rows through each subgraph AccessAudit query, by person and by subject', async () => {
      await read('civil-affairs-officer', 'audit-test-auditor', 'query P($personId: ID!, $applicationId: ID!) { person(id: $personId) { idNumber disabilityGrade } income: dibaoApplication(id: $applicationId) { declaredAssets } }');
      await read('safety-officer', 'audit-test-auditor-safety', 'query S($personId: ID!) { person(id: $personId) { supervisionFile { category } highRisk } }');
      await read('employment-officer', 'audit-test-auditor-employment', 'query E($personId: ID!) { person(id: $personId) { employmentDifficulty { categories } } }');
      const auditor = await roleHeaders('auditor');
      const entryFields = 'id occurredAt subject department purpose requestId subgraph categories fields personIds';
      const bySchema: Record<string, [string, string]> = {
        community: ['communityAccessAudit', 'audit-test-auditor'],
        civil_affairs: ['civilAffairsAccessAudit', 'audit-test-auditor'],
        employment: ['employmentAccessAudit', 'audit-test-auditor-employment'],
        safety: ['safetyAccessAudit', 'audit-test-auditor-safety'],
      };
      for (const [schema, [field, requestId]] of Object.entries(bySchema)) {
        const stored = (await rowsOf(requestId))[schema as (typeof SCHEMAS)[number]];
        expect(stored.length).toBeGreaterThan(0);
        const answer = await postGraphQL<Record<string, Record<string, unknown>[]>>(
          hub.gateway.url,
          { query: `query Audit($personId: ID) { ${field}(personId: $personId, first: 100) { ${entryFields} } }`, variables: { personId: fixture.personId } },
          auditor,
        );
        expect(answer.body.errors).toBeUndefined();
        const entries = answer.body.data![field]!;
        // Newest first, each naming the person.
        expect(entries.map((e) => Number(e.id))).toEqual([...entries.map((e) => Number(e.id))].sort((a, b) => b - a));
        for (const entry of entries) expect(entry.personIds).toContain(fixture.personId);
        for (const row of stored) {
          expect(entries).toContainEqual({
            id: row.id,
            occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
            subject: row.subject,
            department: row.department,
            purpose: row.purpose,
            requestId: row.request_id,
            subgraph: row.subgraph,
            categories: row.categories,
            fields: row.fields,
            personIds: row.person_ids,
          });
        }
        const subject = stored[0]!.subject;
        const bySubject = await postGraphQL<Record<string, { subject: string }[]>>(hub.gateway.url, { query: `{ ${field}(subject: "${subject}", first: 100) { subject } }` }, auditor);
        expect(bySubject.body.errors).toBeUndefined();
        expect(bySubject.body.data![field]!.length).toBeGreaterThan(0);
        expect(new Set(bySubject.body.data![field]!.map((e) => e.subject))).toEqual(new Set([subject]));
      }
    });
  });
});
