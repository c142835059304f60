/**
 * npm run token -- --role <role> [--region <code>] [--ttl <seconds>] [--subject <id>]
 * Prints a development bearer token (HS256, signed with HUB_JWT_SECRET or the development secret)
 * for one demo role scoped to one region; `--list` prints the roles. Refused when NODE_ENV=production.
 */
import { parseArgs } from 'node:util';
import { devJwtSecretFromEnv, isRoleName, mintDevToken, ROLE_NAMES, ROLES } from '@hub/access';

const USAGE = `usage: npm run token -- --role <role> [--region <code>] [--ttl <seconds>] [--subject <id>]
       npm run token -- --list
roles: ${ROLE_NAMES.join(', ')}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      region: { type: 'string' },
      ttl: { type: 'string' },
      subject: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.list) {
    for (const name of ROLE_NAMES) console.log(`${name.padEnd(22)} ${ROLES[name].description}; default region ${ROLES[name].defaultRegion}; ${ROLES[name].scopes.join(' ')}`);
    return;
  }
  if (!values.role || !isRoleName(values.role)) throw new Error(`${values.role ? `unknown role ${values.role}\n` : ''}${USAGE}`);
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttlSeconds !== undefined && !(Number.isInteger(ttlSeconds) && ttlSeconds > 0)) throw new Error('--ttl takes a positive number of seconds');
  const token = await mintDevToken(values.role, values.region, { secret: devJwtSecretFromEnv(), ttlSeconds, subject: values.subject });
  // Only the token on stdout, so that TOKEN=$(npm run -s token -- --role auditor) works.
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
