import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTokenVerifier, DEVELOPMENT_JWT_SECRET, ROLES } from '@hub/access';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { spawnTs } from '../../test/ops/support/processes';
import { query } from '../../test/support/database';
import { startTestHub, type TestHub } from '../../test/support/hub';
import {
  DEMO_COMMUNITY_CODE,
  DEMO_DISTRICT_CODE,
  exampleOperations,
  HOUSEHOLD_ACROSS_PROGRAMMES,
  HOUSEHOLD_BY_ID,
  PERSON_BY_ID_NUMBER,
  REGION_WITH_CHILDREN,
  REGION_WITH_CHILDREN_VARIABLES,
  SAMPLE_ID_NUMBER,
} from '../src/examples';
import { PLAYGROUND_CONTENT_SECURITY_POLICY, PLAYGROUND_TITLE, playgroundHtml } from '../src/playground';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Whether a URL the page requested stays on this machine (blob: and data: URLs are made by the page itself). */
function isLocal(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:') return true;
  const origin = parsed.protocol === 'blob:' ? new URL(parsed.pathname) : parsed;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(origin.hostname) && ['http:', 'https:', 'ws:', 'wss:'].includes(origin.protocol);
}

/** The text GraphiQL's result pane shows (Monaco draws spaces as no-break spaces). */
async function resultText(page: Page): Promise<string> {
  return (await page.locator('.graphiql-response .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/**
 * Scrolls the result pane to a text with the editor's find widget. Monaco draws only the lines in view, and the
 * demo role's answers start with the FORBIDDEN errors (stack traces in development) of the fields it may not read.
 */
async function revealInResult(page: Page, text: string): Promise<void> {
  await page.locator('.graphiql-response .monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

type HouseholdRow = { id: string; household_number: string; address: string };

interface PageOptions {
  endpoint: string;
  defaultHeaders?: string;
  defaultTabs: { query: string; variables: string | null; headers: string | null }[];
}

/** The options the page hands GraphiQL (inlined as JSON in its script). */
function pageOptions(html: string): PageOptions {
  const json = /renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{.*\}),\s*\);/s.exec(html);
  if (!json) throw new Error('no GraphiQL options in the page');
  return JSON.parse(json[1]!) as PageOptions;
}

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** Errors other than the access model refusing a field the demo role may not read (FORBIDDEN naming the field). */
function unexpectedErrors(answer: GraphQLAnswer): GraphQLAnswer['errors'] {
  return (answer.errors ?? []).filter((error) => !(error.extensions?.code === 'FORBIDDEN' && typeof error.extensions.field === 'string'));
}

describe('playgroundHtml', () => {
  it('renders one self-contained GraphiQL page with the three examples as tabs', () => {
    const html = playgroundHtml({ endpoint: '/graphql' });
    expect(html).toContain(`<title>${PLAYGROUND_TITLE}</title>`);
    // Nothing is loaded from elsewhere: no external scripts, styles or icons.
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href="(?!data:)/i);
    const options = pageOptions(html);
    expect(options.defaultHeaders).toBeUndefined();
    expect(options.defaultTabs.map((tab) => tab.headers)).toEqual([null, null, null]);
    expect(options.endpoint).toBe('/graphql');
    expect(options.defaultTabs.map((tab) => /query (\w+)/.exec(tab.query)?.[1])).toEqual(['HouseholdAcrossProgrammes', 'RegionWithChildren', 'PersonByIdNumber']);
    expect(options.defaultTabs[0]!.variables).toBeNull();
    expect(JSON.parse(options.defaultTabs[1]!.variables!)).toEqual({ code: DEMO_DISTRICT_CODE });
    expect(JSON.parse(options.defaultTabs[2]!.variables!)).toEqual({ idNumber: SAMPLE_ID_NUMBER });
  });

  it('puts a given demo ID number and default headers into the tabs, and refuses malformed ones', () => {
    const html = playgroundHtml({ endpoint: '/graphql', exampleIdNumber: '37070319800101001X', defaultHeaders: '{"x-role": "clerk"}' });
    expect(html).toContain(JSON.stringify(JSON.stringify({ idNumber: '37070319800101001X' }, null, 2)));
    expect(html).toContain('"defaultHeaders":"{\\"x-role\\": \\"clerk\\"}"');
    expect(() => playgroundHtml({ endpoint: '/graphql', exampleIdNumber: '1234' })).toThrow(/exampleIdNumber/);
    expect(() => playgroundHtml({ endpoint: '/graphql', defaultHeaders: '[]' })).toThrow(/defaultHeaders/);
    expect(() => playgroundHtml({ endpoint: '/graphql</script><script>alert(1)' })).toThrow(/<\/script/);
  });
});

describe('playground against the running hub', () => {
  let hub: TestHub;
  let browser: Browser | undefined;
  let household: HouseholdRow;
  let person: { id_number: string; name: string; household_number: string };

  beforeAll(async () => {
    hub = await startTestHub({ households: 20 });
    [household] = (await query<HouseholdRow>(
      hub.database.url,
      'SELECT id, household_number, address FROM community.household WHERE region_code = $1 ORDER BY household_number LIMIT 1',
      [DEMO_COMMUNITY_CODE],
    )) as [HouseholdRow];
    // In the district the playground's civil-affairs officer token is for.
    [person] = (await query<{ id_number: string; name: string; household_number: string }>(
      hub.database.url,
      `SELECT p.id_number, p.name, h.household_number FROM community.person p
         JOIN community.household_membership m ON m.person_id = p.id AND m.end_date IS NULL
         JOIN community.household h ON h.id = m.household_id
        WHERE h.region_code LIKE $1 || '%'
        ORDER BY h.household_number DESC, p.id_number LIMIT 1`,
      [DEMO_DISTRICT_CODE],
    )) as [typeof person];
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('every example operation runs through the gateway without errors and answers with demo data', async () => {
    const first = await hub.query<{ households: { totalCount: number; edges: { node: Record<string, unknown> & { members: unknown[] } }[] } }>(HOUSEHOLD_ACROSS_PROGRAMMES);
    expect(first.errors).toBeUndefined();
    const [{ count }] = (await query<{ count: string }>(hub.database.url, 'SELECT count(*) FROM community.household WHERE region_code = $1', [DEMO_COMMUNITY_CODE])) as [{ count: string }];
    expect(first.data!.households.totalCount).toBe(Number(count));
    const node = first.data!.households.edges[0]!.node;
    expect(node).toMatchObject({ id: household.id, householdNumber: household.household_number, address: household.address });
    expect(node.members.length).toBeGreaterThan(0);

    const byId = await hub.query<{ household: unknown }>(HOUSEHOLD_BY_ID, { id: household.id });
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.household).toEqual(node);

    const region = await hub.query<{ region: { code: string; children: { code: string }[] } }>(REGION_WITH_CHILDREN, REGION_WITH_CHILDREN_VARIABLES);
    expect(region.errors).toBeUndefined();
    const children = await query<{ code: string }>(hub.database.url, 'SELECT code FROM community.region WHERE parent_code = $1 ORDER BY code', [DEMO_DISTRICT_CODE]);
    expect(children.length).toBeGreaterThan(0);
    expect(region.data!.region.children.map((child) => child.code)).toEqual(children.map((child) => child.code));

    const found = await hub.query<{ personByIdNumber: { name: string; household: { householdNumber: string } } }>(PERSON_BY_ID_NUMBER, { idNumber: person.id_number });
    expect(found.errors).toBeUndefined();
    expect(found.data!.personByIdNumber).toMatchObject({ name: person.name, household: { householdNumber: person.household_number } });

    // The placeholder number is well-formed but belongs to no demo resident.
    const sample = await hub.query(PERSON_BY_ID_NUMBER, { idNumber: SAMPLE_ID_NUMBER });
    expect(sample).toEqual({ data: { personByIdNumber: null } });
  });

  it('the development page carries a civil-affairs officer token for the demo district and a purpose in every tab', async () => {
    const page = await fetch(`http://127.0.0.1:${hub.gateway.port}/`);
    expect(page.status).toBe(200);
    const options = pageOptions(await page.text());
    const headers = JSON.parse(options.defaultHeaders!) as Record<string, string>;
    expect(Object.keys(headers).sort()).toEqual(['Authorization', 'X-Purpose']);
    expect(decodeURIComponent(headers['X-Purpose']!).trim()).not.toBe('');
    const claims = await createTokenVerifier({ secret: DEVELOPMENT_JWT_SECRET })(headers.Authorization!.replace(/^Bearer /, ''));
    expect(claims).toMatchObject({ department: 'civil-affairs', jurisdiction: [DEMO_DISTRICT_CODE] });
    expect([...claims.scopes].sort()).toEqual([...ROLES['civil-affairs-officer'].scopes].sort());
    expect(options.defaultTabs.map((tab) => tab.headers)).toEqual(options.defaultTabs.map(() => options.defaultHeaders));
  });

  it('loads in headless Chromium with no request leaving localhost, runs the household and person examples and shows their results', async () => {
    expect(existsSync(CHROMIUM)).toBe(true); // scripts/ensure-chromium.sh installs it (npm test runs it first)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // Tall enough that Monaco draws the result lines the assertions read (it renders only visible lines).
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1400, height: 1400 } });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const pageToken = (pageOptions(await (await fetch(`http://127.0.0.1:${hub.gateway.port}/`)).text()).defaultHeaders ?? '').match(/Bearer [\w.-]+/)?.[0];
    expect(pageToken).toBeDefined();
    // What the page's runs sent and got (the result pane draws only the lines in view).
    const isRun = (operation: string) => (answer: Response) => answer.url().endsWith('/graphql') && (answer.request().postData() ?? '').includes(`query ${operation}`);
    // Anything non-local is recorded above and then refused, so a regression fails fast instead of hanging.
    await context.route((url) => !isLocal(url.toString()), (route) => route.abort('blockedbyclient'));
    const root = `http://127.0.0.1:${hub.gateway.port}/`;
    // Serve the page under its Content-Security-Policy (whether or not the gateway already sends it), so a policy
    // that breaks GraphiQL fails here.
    await context.route(root, async (route) => {
      const served = await route.fetch();
      await route.fulfill({ response: served, headers: { ...served.headers(), 'content-security-policy': PLAYGROUND_CONTENT_SECURITY_POLICY } });
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message.slice(0, 300)));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text().slice(0, 300));
    });

    const response = await page.goto(root);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe(PLAYGROUND_TITLE);
    const tabs = page.locator('.graphiql-tab-button');
    await tabs.first().waitFor({ timeout: 30_000 });
    expect(await tabs.allInnerTexts()).toEqual(exampleOperations().map((example) => example.name));

    // Household tab (open on load): run it with the execute button.
    await page.locator('.graphiql-query-editor').getByText('HouseholdAcrossProgrammes', { exact: false }).first().waitFor();
    // The headers pane opens with the development token and purpose in it.
    const headersPane = page.locator('.graphiql-editor-tool .monaco-editor[data-uri$="-headers.json"]');
    await headersPane.getByText('"Authorization"').waitFor();
    const headersText = (await headersPane.innerText()).replace(/\u00a0/g, ' ');
    expect(headersText).toContain(`"Authorization": "${pageToken}"`);
    expect(headersText).toContain('"X-Purpose": "%');
    const householdRun = page.waitForResponse(isRun('HouseholdAcrossProgrammes'), { timeout: 20_000 });
    await page.locator('.graphiql-execute-button').click();
    const householdAnswer = await householdRun;
    // Sent with the page's token; the officer reads the household (fields outside the role, e.g. safety's, are FORBIDDEN).
    expect(householdAnswer.request().headers().authorization).toBe(pageToken);
    expect(householdAnswer.status()).toBe(200);
    const householdBody = (await householdAnswer.json()) as GraphQLAnswer & { data: { households: { edges: { node: { householdNumber: string; receivesDibao: unknown } }[] } } };
    expect(unexpectedErrors(householdBody)).toEqual([]);
    expect(householdBody.data.households.edges[0]!.node).toMatchObject({ householdNumber: household.household_number, receivesDibao: expect.any(Boolean) });
    await revealInResult(page, household.household_number);
    await page.locator('.graphiql-response .view-lines').getByText(household.household_number).waitFor({ timeout: 20_000 });
    const householdResult = await resultText(page);
    expect(householdResult).toContain(`"householdNumber": "${household.household_number}"`);
    expect(householdResult).toContain(`"id": "${household.id}"`);
    expect(householdResult).not.toContain('UNAUTHENTICATED');

    const screenshot = path.join(os.tmpdir(), `hub-playground-${process.pid}.png`);
    await page.screenshot({ path: screenshot });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);

    // Person tab: put a real demo ID number in the variables pane and run with Ctrl-Enter.
    await tabs.filter({ hasText: 'PersonByIdNumber' }).click();
    await page.locator('.graphiql-editor-tools').getByRole('button', { name: 'Variables', exact: true }).click();
    const variables = page.locator('.graphiql-editor-tool .monaco-editor[data-uri$="-variables.json"]');
    // Double-clicking selects the placeholder number as one word; typed quotes or braces would be auto-closed by the editor.
    await variables.getByText(SAMPLE_ID_NUMBER).dblclick();
    await page.keyboard.insertText(person.id_number);
    await variables.getByText(person.id_number).waitFor();
    await page.locator('.graphiql-query-editor .monaco-editor').click();
    const personRun = page.waitForResponse(isRun('PersonByIdNumber'), { timeout: 20_000 });
    await page.keyboard.press('ControlOrMeta+Enter');
    const personAnswer = await personRun;
    expect(personAnswer.request().headers().authorization).toBe(pageToken);
    const personBody = (await personAnswer.json()) as GraphQLAnswer & { data: { personByIdNumber: { name: string; idNumber: string } } };
    expect(unexpectedErrors(personBody)).toEqual([]);
    // pii:read and the page's purpose: the number as held.
    expect(personBody.data.personByIdNumber).toMatchObject({ name: person.name, idNumber: person.id_number });
    await revealInResult(page, person.name);
    await page.locator('.graphiql-response .view-lines').getByText(person.name).waitFor({ timeout: 20_000 });
    const personResult = await resultText(page);
    expect(personResult).toContain(`"name": "${person.name}"`);
    expect(personResult).not.toContain('UNAUTHENTICATED');

    expect(pageErrors).toEqual([]);
    expect(requests.filter((url) => url.startsWith(`${root}graphql`)).length).toBeGreaterThanOrEqual(3); // introspection and two runs
    expect(requests.filter((url) => !isLocal(url))).toEqual([]);
    console.log(`playground screenshot: ${screenshot}`);
  });
});

/** In production the gateway mints no token: the page (when PLAYGROUND=1 turns it on) carries no headers. */
describe('playground in production', () => {
  it('serves the page without a token or purpose when NODE_ENV=production and PLAYGROUND=1', async () => {
    // Production refuses the development secrets: caller tokens need a JWKS, gateway tokens an ES256 key pair.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-playground-production-'));
    const callerKeys = await generateKeyPair('ES256', { extractable: true });
    const gatewayKeys = await generateKeyPair('ES256', { extractable: true });
    writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(callerKeys.publicKey)), alg: 'ES256', kid: 'test' }] }));
    writeFileSync(path.join(dir, 'gateway.key'), await exportPKCS8(gatewayKeys.privateKey));
    writeFileSync(path.join(dir, 'gateway.pub'), await exportSPKI(gatewayKeys.publicKey));
    const gateway = spawnTs('gateway/src/server.ts', {
      NODE_ENV: 'production',
      PLAYGROUND: '1',
      PORT: '0',
      HUB_JWKS_FILE: path.join(dir, 'jwks.json'),
      HUB_GATEWAY_PRIVATE_KEY_FILE: path.join(dir, 'gateway.key'),
      HUB_JWT_SECRET: '',
      HUB_GATEWAY_SECRET: '',
    });
    try {
      const { port } = (await gateway.waitForLine((line) => line.msg === 'gateway listening', 60_000)) as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect(response.status).toBe(200);
      const html = await response.text();
      const options = pageOptions(html);
      expect(options.defaultHeaders).toBeUndefined();
      expect(options.defaultTabs.map((tab) => tab.headers)).toEqual([null, null, null]);
      expect(html).not.toMatch(/Bearer|eyJ[\w-]+\.eyJ|X-Purpose/i);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  });
});
