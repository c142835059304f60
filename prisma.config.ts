import path from 'node:path';
import { defineConfig } from 'prisma/config';

// One config for the four subgraph schemas: pass `--schema prisma/<subgraph>/schema.prisma`.
// engine "js" with the pg driver adapter runs from npm packages alone (no engine downloads).
// The CLI needs DATABASE_URL only for `migrate diff`; `generate` works with any placeholder.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'community', 'schema.prisma'),
  adapter: async () => {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgres://hub:hub@127.0.0.1:54329/hub' });
  },
});
