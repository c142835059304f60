import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTokenVerifier, DEVELOPMENT_JWT_SECRET } from '../src';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

async function token(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(TSX, ['scripts/token.ts', ...args], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'development', HUB_JWT_SECRET: '', ...env } });
}

describe('npm run token', () => {
  it('prints only a token for the role and region, signed with the development secret', async () => {
    const { stdout } = await token(['--role', 'safety-officer', '--region', '370703002']);
    const claims = await createTokenVerifier({ secret: DEVELOPMENT_JWT_SECRET })(stdout.trim());
    expect(claims).toMatchObject({ sub: 'demo-safety-officer-370703002', department: 'safety', jurisdiction: ['370703002'] });
    expect(claims.scopes).toContain('supervision:read');
  });

  it('signs with HUB_JWT_SECRET when set', async () => {
    const secret = 'a-locally-configured-secret-of-32-chars!';
    const { stdout } = await token(['--role', 'auditor'], { HUB_JWT_SECRET: secret });
    expect((await createTokenVerifier({ secret })(stdout.trim())).scopes).toEqual(['audit:read']);
  });

  it('refuses an unknown role, a bad region and production', async () => {
    await expect(token(['--role', 'mayor'])).rejects.toMatchObject({ stderr: expect.stringMatching(/unknown role mayor/) });
    await expect(token(['--role', 'auditor', '--region', '37'])).rejects.toMatchObject({ stderr: expect.stringMatching(/not a region code/) });
    await expect(token(['--role', 'auditor'], { NODE_ENV: 'production' })).rejects.toMatchObject({ stderr: expect.stringMatching(/production/) });
  });
});
