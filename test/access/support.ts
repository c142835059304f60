/** Helpers of the access-model tests (issue 3): raw HTTP calls that keep the status, and tokens that must be refused. */
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEVELOPMENT_JWT_SECRET } from '@hub/access';
import { SignJWT, UnsecuredJWT } from 'jose';

/** Masked forms the hub serves by default (110101********1234, 138****5678). */
export const MASKED_ID_NUMBER = /^\d{6}\*{8}\d{3}[\dX]$/;
export const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;
export const ID_NUMBER = /^\d{17}[\dX]$/;
export const PHONE = /^1\d{10}$/;

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: GraphQLErrorBody[] };
}

/** POSTs a GraphQL request (or any JSON body) and keeps the HTTP status and headers. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: HttpAnswer<T>['body'];
  try {
    parsed = JSON.parse(text) as HttpAnswer<T>['body'];
  } catch {
    throw new Error(`not a JSON answer (HTTP ${response.status}): ${text.slice(0, 300)}`);
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** The error codes of an answer, in order. */
export function codes(answer: { errors?: GraphQLErrorBody[] }): unknown[] {
  return (answer.errors ?? []).map((error) => error.extensions?.code);
}

/** The errors reported at one path (e.g. ['person', 'idNumber']). */
export function errorsAt(answer: { errors?: GraphQLErrorBody[] }, path: (string | number)[]): GraphQLErrorBody[] {
  return (answer.errors ?? []).filter((error) => JSON.stringify(error.path) === JSON.stringify(path));
}

const encode = (text: string) => new TextEncoder().encode(text);
const now = () => Math.floor(Date.now() / 1000);

interface CallerTokenClaims {
  subject?: string;
  scopes?: readonly string[];
  jurisdiction?: readonly string[];
}

function callerJwt({ subject = 'test-runner', scopes = ['community:read'], jurisdiction = ['370000'] }: CallerTokenClaims = {}): SignJWT {
  return new SignJWT({ department: 'test', scopes: [...scopes], jurisdiction: [...jurisdiction] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(DEFAULT_ISSUER)
    .setAudience(DEFAULT_AUDIENCE);
}

/** Caller tokens the gateway must refuse with 401 UNAUTHENTICATED, by what is wrong with them. */
export async function refusedCallerTokens(claims: CallerTokenClaims = {}): Promise<Record<string, string>> {
  const t = now();
  return {
    'signed with another secret': await callerJwt(claims).setIssuedAt(t).setExpirationTime(t + 600).sign(encode('not-the-hub-secret-but-long-enough-to-sign-with')),
    expired: await callerJwt(claims).setIssuedAt(t - 7200).setExpirationTime(t - 3600).sign(encode(DEVELOPMENT_JWT_SECRET)),
    'alg none (unsigned)': new UnsecuredJWT({ department: 'test', scopes: ['community:read'], jurisdiction: ['370000'] })
      .setSubject(claims.subject ?? 'test-runner')
      .setIssuer(DEFAULT_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setIssuedAt(t)
      .setExpirationTime(t + 600)
      .encode(),
    'another audience': await callerJwt(claims).setAudience('some-other-service').setIssuedAt(t).setExpirationTime(t + 600).sign(encode(DEVELOPMENT_JWT_SECRET)),
    'no expiry': await callerJwt(claims).setIssuedAt(t).sign(encode(DEVELOPMENT_JWT_SECRET)),
    'not a JWT': 'abc.def.ghi',
  };
}

