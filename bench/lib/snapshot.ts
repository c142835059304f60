import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A copy of one commit (git archive) beside the checkout, sharing its installed node_modules: lets the benchmark
 * measure committed code while the working tree is being edited. Workspace packages (@hub/*) point into the
 * copy, every other dependency at the checkout's install; the copy's Prisma clients and resolver types are
 * generated afresh.
 */
export function makeSnapshot(repoRoot: string, into: string, revision: string): string {
  const commit = execFileSync('git', ['rev-parse', '--short', revision], { cwd: repoRoot, encoding: 'utf8' }).trim();
  fs.mkdirSync(into, { recursive: true });
  const tar = path.join(path.dirname(into), `snapshot-${commit}.tar`);
  execFileSync('git', ['archive', '--format=tar', '-o', tar, revision], { cwd: repoRoot });
  execFileSync('tar', ['-xf', tar, '-C', into]);
  fs.rmSync(tar);
  const modules = path.join(repoRoot, 'node_modules');
  const target = path.join(into, 'node_modules');
  fs.mkdirSync(target);
  for (const entry of fs.readdirSync(modules)) {
    const source = path.join(modules, entry);
    if (entry === '@hub') {
      fs.mkdirSync(path.join(target, entry));
      for (const workspace of fs.readdirSync(source)) {
        // ../../packages/x relative to node_modules/@hub: the same relative link works inside the copy.
        fs.symlinkSync(fs.readlinkSync(path.join(source, workspace)), path.join(target, entry, workspace));
      }
    } else {
      fs.symlinkSync(source, path.join(target, entry));
    }
  }
  execFileSync(process.execPath, [path.join(modules, 'tsx', 'dist', 'cli.mjs'), 'scripts/generate.ts'], { cwd: into, stdio: ['ignore', 'ignore', 'inherit'] });
  return commit;
}
