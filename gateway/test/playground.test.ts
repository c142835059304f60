import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTokenVerifier, DEVELOPMENT_JWT_SECRET, ROLES } from '@hub/access';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { spawnTs } from '../../test/ops/support/processes';
import { roleHeaders } from '../../test/support/access';
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
 * Scrolls the result pane to a text with the editor's find widget: Monaco draws only the lines in view, and the
 * household and person answers are longer than the pane.
 */
async function revealInResult(page: Page, text: string): Promise<void> {
  await page.locator('.graphiql-response .monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

/**
 * Opens a GraphiQL tab and waits until it is the active one. The button gets the focus first: a click straight
 * from an editor only moved the focus there (the tab bar re-renders as the editor blurs) and left the tab closed.
 */
async function openTab(page: Page, name: string): Promise<void> {
  const button = page.locator('.graphiql-tab-button').filter({ hasText: name });
  await button.focus();
  await button.click();
  await page.locator('.graphiql-tab[aria-selected="true"]').filter({ hasText: name }).waitFor();
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

/** An ID number as a caller without pii:read (or without a purpose) reads it: 370703********0012. */
const maskedIdNumber = (idNumber: string): string => `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
const MASKED_ID_NUMBER = /^\d{6}\*{8}\d{3}[\dX]$/;
const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;

/** The headers the development page puts in every tab (its token and purpose). */
async function pageHeaders(port: number): Promise<Record<string, string>> {
  const options = pageOptions(await (await fetch(`http://127.0.0.1:${port}/`)).text());
  return JSON.parse(options.defaultHeaders!) as Record<string, string>;
}

type HouseholdNode = {
  id: string;
  householdNumber: string;
  address: string;
  grid: { workerPhone: string } | null;
  injuries: unknown[] | null;
  members: { person: { name: string; idNumber: string; disability: unknown; highRisk: boolean | null } }[];
};
type RegionNode = {
  code: string;
  population: number;
  householdCount: number;
  communityStatistics: { households: number; population: number };
  safetyStatistics: unknown;
  children: { code: string; householdCount: number; children: { code: string; householdCount: number }[] }[];
};
type PersonNode = { name: string; idNumber: string; phone: string | null; tags: unknown[] | null; injuries: unknown[] | null; household: { householdNumber: string } };

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
  let households: number;
  let person: { id_number: string; name: string; household_number: string };

  beforeAll(async () => {
    hub = await startTestHub({ households: 20 });
    [household] = (await query<HouseholdRow>(
      hub.database.url,
      'SELECT id, household_number, address FROM community.household WHERE region_code = $1 ORDER BY household_number LIMIT 1',
      [DEMO_COMMUNITY_CODE],
    )) as [HouseholdRow];
    households = Number(((await query<{ count: string }>(hub.database.url, 'SELECT count(*) FROM community.household WHERE region_code = $1', [DEMO_COMMUNITY_CODE])) as [{ count: string }])[0].count);
    // A resident with a phone, of the community the playground's grid worker token is for (the last household).
    [person] = (await query<{ id_number: string; name: string; household_number: string }>(
      hub.database.url,
      `SELECT p.id_number, p.name, h.household_number FROM community.person p
         JOIN community.household_membership m ON m.person_id = p.id AND m.end_date IS NULL
         JOIN community.household h ON h.id = m.household_id
        WHERE h.region_code = $1 AND p.phone IS NOT NULL
        ORDER BY h.household_number DESC, p.id_number LIMIT 1`,
      [DEMO_COMMUNITY_CODE],
    )) as [typeof person];
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('the development page carries a grid worker token for the demo community and a purpose in every tab', async () => {
    const page = await fetch(`http://127.0.0.1:${hub.gateway.port}/`);
    expect(page.status).toBe(200);
    const options = pageOptions(await page.text());
    const headers = JSON.parse(options.defaultHeaders!) as Record<string, string>;
    expect(Object.keys(headers).sort()).toEqual(['Authorization', 'X-Purpose']);
    expect(decodeURIComponent(headers['X-Purpose']!).trim()).not.toBe('');
    const claims = await createTokenVerifier({ secret: DEVELOPMENT_JWT_SECRET })(headers.Authorization!.replace(/^Bearer /, ''));
    // The community the examples read is the token's whole jurisdiction.
    expect(claims).toMatchObject({ department: 'community', jurisdiction: [DEMO_COMMUNITY_CODE] });
    expect([...claims.scopes].sort()).toEqual([...ROLES['grid-worker'].scopes].sort());
    expect(claims.scopes).not.toContain('pii:read');
    expect(options.defaultTabs.map((tab) => tab.headers)).toEqual(options.defaultTabs.map(() => options.defaultHeaders));
  });

  it("every example operation answers the page's grid worker with demo data and no errors, ID numbers and phones masked", async () => {
    const headers = await pageHeaders(hub.gateway.port);

    const first = await hub.query<{ households: { totalCount: number; edges: { node: HouseholdNode }[] } }>(HOUSEHOLD_ACROSS_PROGRAMMES, {}, headers);
    expect(first.errors).toBeUndefined();
    expect(first.data!.households.totalCount).toBe(households);
    const node = first.data!.households.edges[0]!.node;
    expect(node).toMatchObject({ id: household.id, householdNumber: household.household_number, address: household.address });
    expect(node.members.length).toBeGreaterThan(0);
    const members = await query<{ id_number: string }>(
      hub.database.url,
      `SELECT p.id_number FROM community.person p JOIN community.household_membership m ON m.person_id = p.id AND m.end_date IS NULL
        WHERE m.household_id = $1 ORDER BY p.id_number`,
      [household.id],
    );
    // No pii:read: every member's number masked; the audited fields (injuries, disability) answer because of the purpose.
    expect(node.members.map((member) => member.person.idNumber).sort()).toEqual(members.map((member) => maskedIdNumber(member.id_number)).sort());
    for (const member of node.members) expect(member.person.idNumber).toMatch(MASKED_ID_NUMBER);
    expect(node.grid!.workerPhone).toMatch(MASKED_PHONE);
    expect(Array.isArray(node.injuries)).toBe(true);
    expect(node.members.every((member) => typeof member.person.highRisk === 'boolean')).toBe(true);

    const byId = await hub.query<{ household: unknown }>(HOUSEHOLD_BY_ID, { id: household.id }, headers);
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.household).toEqual(node);

    // The district as the grid worker sees it: its subdistrict and community only, every figure its community's.
    const region = await hub.query<{ region: RegionNode }>(REGION_WITH_CHILDREN, REGION_WITH_CHILDREN_VARIABLES, headers);
    expect(region.errors).toBeUndefined();
    const district = region.data!.region;
    expect(district.code).toBe(DEMO_DISTRICT_CODE);
    expect(district.children.map((child) => child.code)).toEqual([DEMO_COMMUNITY_CODE.slice(0, 9)]);
    expect(district.children[0]!.children.map((child) => child.code)).toEqual([DEMO_COMMUNITY_CODE]);
    expect([district.householdCount, district.communityStatistics.households, district.children[0]!.children[0]!.householdCount]).toEqual([households, households, households]);
    expect(district.population).toBe(district.communityStatistics.population);
    expect(district.safetyStatistics).not.toBeNull();
    // The whole district, as the example's comment says, with a dashboard viewer's token: every subdistrict, no error.
    const wide = await hub.query<{ region: RegionNode }>(REGION_WITH_CHILDREN, REGION_WITH_CHILDREN_VARIABLES, await roleHeaders('dashboard-viewer'));
    expect(wide.errors).toBeUndefined();
    const subdistricts = await query<{ code: string }>(hub.database.url, 'SELECT code FROM community.region WHERE parent_code = $1 ORDER BY code', [DEMO_DISTRICT_CODE]);
    expect(subdistricts.length).toBeGreaterThan(1);
    expect(wide.data!.region.children.map((child) => child.code)).toEqual(subdistricts.map((child) => child.code));
    expect(wide.data!.region.householdCount).toBeGreaterThan(households);

    const found = await hub.query<{ personByIdNumber: PersonNode }>(PERSON_BY_ID_NUMBER, { idNumber: person.id_number }, headers);
    expect(found.errors).toBeUndefined();
    expect(found.data!.personByIdNumber).toMatchObject({ name: person.name, idNumber: maskedIdNumber(person.id_number), household: { householdNumber: person.household_number } });
    expect(found.data!.personByIdNumber.phone).toMatch(MASKED_PHONE);
    expect(Array.isArray(found.data!.personByIdNumber.tags)).toBe(true);
    expect(Array.isArray(found.data!.personByIdNumber.injuries)).toBe(true);

    // The placeholder number is well-formed but belongs to no demo resident.
    const sample = await hub.query(PERSON_BY_ID_NUMBER, { idNumber: SAMPLE_ID_NUMBER }, headers);
    expect(sample).toEqual({ data: { personByIdNumber: null } });
  });

  it('loads in headless Chromium with no request leaving localhost, runs every example and shows its data with no errors', async () => {
    expect(existsSync(CHROMIUM)).toBe(true); // scripts/ensure-chromium.sh installs it (npm test runs it first)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // Tall enough that Monaco draws the result lines the assertions read (it renders only visible lines).
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1400, height: 1400 } });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const pageToken = (await pageHeaders(hub.gateway.port)).Authorization;
    expect(pageToken).toMatch(/^Bearer [\w.-]+$/);
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
    // Sent with the page's token and purpose: the grid worker reads the household across all four programmes.
    expect(householdAnswer.request().headers().authorization).toBe(pageToken);
    expect(householdAnswer.request().headers()['x-purpose']).toMatch(/^%/);
    expect(householdAnswer.status()).toBe(200);
    const householdBody = (await householdAnswer.json()) as GraphQLAnswer & { data: { households: { edges: { node: HouseholdNode & { receivesDibao: unknown } }[] } } };
    expect(householdBody.errors).toBeUndefined();
    const householdNode = householdBody.data.households.edges[0]!.node;
    expect(householdNode).toMatchObject({ householdNumber: household.household_number, receivesDibao: expect.any(Boolean), injuries: expect.any(Array) });
    const shownIdNumber = householdNode.members[0]!.person.idNumber;
    expect(shownIdNumber).toMatch(MASKED_ID_NUMBER);
    await revealInResult(page, shownIdNumber);
    await page.locator('.graphiql-response .view-lines').getByText(shownIdNumber).waitFor({ timeout: 20_000 });
    expect(await resultText(page)).toContain(`"idNumber": "${shownIdNumber}"`);
    await revealInResult(page, household.household_number);
    await page.locator('.graphiql-response .view-lines').getByText(household.household_number).waitFor({ timeout: 20_000 });
    const householdResult = await resultText(page);
    expect(householdResult).toContain(`"householdNumber": "${household.household_number}"`);
    expect(householdResult).toContain(`"id": "${household.id}"`);
    expect(householdResult).not.toContain('"errors"');

    const screenshot = path.join(os.tmpdir(), `hub-playground-${process.pid}.png`);
    await page.screenshot({ path: screenshot });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);

    // Region tab: its variables (the district) are in place; run with the execute button.
    await openTab(page, 'RegionWithChildren');
    await page.locator('.graphiql-query-editor').getByText('RegionWithChildren', { exact: false }).first().waitFor();
    const regionRun = page.waitForResponse(isRun('RegionWithChildren'), { timeout: 20_000 });
    await page.locator('.graphiql-execute-button').click();
    const regionAnswer = await regionRun;
    expect(regionAnswer.request().headers().authorization).toBe(pageToken);
    const regionBody = (await regionAnswer.json()) as GraphQLAnswer & { data: { region: RegionNode } };
    expect(regionBody.errors).toBeUndefined();
    // Narrowed to the grid worker's community: one subdistrict, one community, its households.
    expect(regionBody.data.region).toMatchObject({ code: DEMO_DISTRICT_CODE, householdCount: households });
    expect(regionBody.data.region.children.flatMap((child) => child.children.map((community) => community.code))).toEqual([DEMO_COMMUNITY_CODE]);
    await revealInResult(page, DEMO_COMMUNITY_CODE);
    await page.locator('.graphiql-response .view-lines').getByText(DEMO_COMMUNITY_CODE).waitFor({ timeout: 20_000 });
    const regionResult = await resultText(page);
    expect(regionResult).toContain(`"code": "${DEMO_COMMUNITY_CODE}"`);
    expect(regionResult).not.toContain('"errors"');

    // Person tab: put the community's resident's ID number in the variables pane and run with Ctrl-Enter.
    await openTab(page, 'PersonByIdNumber');
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
    const personBody = (await personAnswer.json()) as GraphQLAnswer & { data: { personByIdNumber: PersonNode } };
    expect(personBody.errors).toBeUndefined();
    // No pii:read: the number masked; tags and injuries (audited) answer because the page sends a purpose.
    expect(personBody.data.personByIdNumber).toMatchObject({ name: person.name, idNumber: maskedIdNumber(person.id_number), tags: expect.any(Array), injuries: expect.any(Array) });
    await revealInResult(page, maskedIdNumber(person.id_number));
    await page.locator('.graphiql-response .view-lines').getByText(maskedIdNumber(person.id_number)).waitFor({ timeout: 20_000 });
    const personResult = await resultText(page);
    expect(personResult).toContain(`"name": "${person.name}"`);
    expect(personResult).toContain(`"idNumber": "${maskedIdNumber(person.id_number)}"`);
    expect(personResult).not.toContain(person.id_number);
    expect(personResult).not.toContain('"errors"');

    expect(pageErrors).toEqual([]);
    expect(requests.filter((url) => url.startsWith(`${root}graphql`)).length).toBeGreaterThanOrEqual(4); // introspection and three runs
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
