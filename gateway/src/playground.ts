import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { exampleOperations } from './examples';

export const PLAYGROUND_TITLE = 'Household hub (户籍家庭综合服务平台)';

// A small house, inline: the page must not fetch anything beyond the GraphQL endpoint (no internet).
const HOUSE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">' +
  '<path d="M16 4 3 15h4v13h7v-8h4v8h7V15h4z" fill="#c8102e"/></svg>';
const FAVICON = `data:image/svg+xml;base64,${Buffer.from(HOUSE_SVG).toString('base64')}`;

const ID_NUMBER = /^\d{17}[\dX]$/;

/**
 * Content-Security-Policy for the playground page: the browser may reach nothing but this origin, so
 * the "no internet" promise is enforced by the browser, not only by how the page was built. GraphiQL
 * needs inline script and styles (it is one page), data: fonts and images, and blob: editor workers.
 */
export const PLAYGROUND_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'font-src data:',
  'img-src data:',
  'worker-src blob:',
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PlaygroundOptions {
  /** Path or URL of the GraphQL endpoint, as the browser reaches it. */
  endpoint: string;
  /** JSON object text for the headers pane of new tabs, e.g. '{"authorization": "Bearer …"}'. */
  defaultHeaders?: string;
  /**
   * A real demo resident's ID number for the person example (else the GB 11643 sample number); in development one
   * of DEMO_COMMUNITY_CODE, the grid worker's community the page's token is for (anyone else reads as null).
   */
  exampleIdNumber?: string;
}

/**
 * The GraphiQL playground as one self-contained HTML page: GraphiQL's JavaScript, CSS, fonts and
 * editor workers come inlined from @graphql-yoga/render-graphiql (no CDN), with the example
 * operations as ready tabs.
 */
export function playgroundHtml({ endpoint, defaultHeaders, exampleIdNumber }: PlaygroundOptions): string {
  if (exampleIdNumber !== undefined && !ID_NUMBER.test(exampleIdNumber)) {
    throw new Error(`exampleIdNumber must be an 18-character citizen ID number, got ${JSON.stringify(exampleIdNumber)}`);
  }
  if (defaultHeaders !== undefined) {
    const parsed: unknown = JSON.parse(defaultHeaders);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('defaultHeaders must be a JSON object');
  }
  const options = {
    title: PLAYGROUND_TITLE,
    logo: HOUSE_SVG,
    favicon: FAVICON,
    endpoint,
    defaultHeaders,
    defaultTabs: exampleOperations({ idNumber: exampleIdNumber }).map((example) => ({
      query: example.query,
      variables: Object.keys(example.variables).length > 0 ? JSON.stringify(example.variables, null, 2) : null,
      headers: defaultHeaders ?? null,
    })),
    // Persisted headers would keep tokens in the browser's storage.
    shouldPersistHeaders: false,
  };
  // renderGraphiQL inlines the options as JSON inside a <script>: text that would close it must not get in.
  if (/<\/script|<!--/i.test(JSON.stringify(options))) throw new Error('playground options must not contain "</script" or "<!--"');
  return renderGraphiQL(options).trim();
}
