/**
 * Hive Gateway's configuration in the benchmark (`hive-gateway supergraph <file> -c bench/hive.config.ts`).
 * The hub's subgraphs answer 401 to anything without a token the gateway signed for them, so Hive does what
 * the hub's gateway does per request: verify the caller's token (HUB_JWKS_FILE) and sign, for every subgraph
 * fetch, that subgraph's token carrying the caller (HUB_GATEWAY_PRIVATE_KEY_FILE), plus the onward tokens
 * civil-affairs needs to ask community on the caller's behalf. Field rules run in the subgraphs, as for the hub.
 */
import { randomUUID } from 'node:crypto';
import { defineConfig } from '@graphql-hive/gateway';
import {
  authenticateRequest,
  createGatewayTokenSigner,
  gatewayKeyFromEnv,
  ONWARD_CALLS,
  ONWARD_TOKEN_HEADER_PREFIX,
  REQUEST_ID_HEADER,
  tokenVerifierFromEnv,
  type Caller,
  type GatewayTokenSigner,
} from '@hub/access';

const verify = tokenVerifierFromEnv();
const signer: Promise<GatewayTokenSigner> = gatewayKeyFromEnv().then((key) => createGatewayTokenSigner(key));
// One verification per client request, however many subgraph fetches it makes.
const callers = new WeakMap<Request, Promise<Caller>>();

function callerOf(request: Request): Promise<Caller> {
  let caller = callers.get(request);
  if (!caller) {
    caller = authenticateRequest(request.headers, verify, request.headers.get(REQUEST_ID_HEADER) ?? randomUUID());
    callers.set(request, caller);
  }
  return caller;
}

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: async ({ request, subgraphName }) => {
      const [sign, caller] = await Promise.all([signer, callerOf(request)]);
      const headers: Record<string, string> = { authorization: `Bearer ${await sign(caller, subgraphName)}` };
      for (const target of ONWARD_CALLS[subgraphName] ?? []) headers[`${ONWARD_TOKEN_HEADER_PREFIX}${target}`] = await sign(caller, target);
      return headers;
    },
  },
});
