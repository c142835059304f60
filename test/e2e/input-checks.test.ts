import { callerHeaders } from '../support/access';
import { query } from '../support/database';
import { startTestHub, type TestHub } from '../support/hub';

const SET_STANDARD = `
  mutation ($input: SetAssistanceStandardInput!) {
    setAssistanceStandard(input: $input) { userErrors { field code message } }
  }`;

/** Malformed scalars and NUL characters are refused at the gateway as client errors, before planning, writing nothing. */
describe('input checks at the gateway', () => {
  let hub: TestHub;
  let caller: Record<string, string>;
  const valid = { programme: 'RURAL_DIBAO', regionCode: '370703', effectiveFrom: '2026-07-01', amount: '40.00', period: 'MONTH' };
  beforeAll(async () => {
    hub = await startTestHub({ households: 10 });
    // Allowed to set standards (civil-affairs:write), so that what refuses the input is the input check alone.
    caller = await callerHeaders();
  });
  afterAll(async () => {
    await hub?.stop();
  });

  async function post(variables: Record<string, unknown>): Promise<{ status: number; body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
    const response = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...caller }, body: JSON.stringify({ query: SET_STANDARD, variables }) });
    return { status: response.status, body: (await response.json()) as never };
  }

  it.each([
    ['an impossible Date', { effectiveFrom: '2026-02-30' }, /Date/],
    ['Money with three decimals', { amount: '1.234' }, /Money/],
    ['Money as a number', { amount: 40 }, /Money/],
    ['a NUL character in text', { regionCode: '3707\u000003' }, /NUL/],
  ])('refuses %s with HTTP 400 BAD_USER_INPUT and writes nothing', async (_name, change, message) => {
    const [before] = await query<{ n: string }>(hub.database.url, 'SELECT count(*) AS n FROM civil_affairs.assistance_standard');
    const { status, body } = await post({ input: { ...valid, ...change } });
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(body.errors![0]!.message).toMatch(message);
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    const [after] = await query<{ n: string }>(hub.database.url, 'SELECT count(*) AS n FROM civil_affairs.assistance_standard');
    expect(after!.n).toBe(before!.n);
  });

  it('forwards valid values exactly as sent', async () => {
    const { status, body } = await post({ input: valid });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { setAssistanceStandard: { userErrors: [] } } });
    const rows = await query<{ amount: string }>(hub.database.url, "SELECT amount_fen::text AS amount FROM civil_affairs.assistance_standard WHERE region_code = '370703' AND effective_from = '2026-07-01'");
    expect(rows.map((r) => r.amount)).toEqual(['4000']);
  });
});
