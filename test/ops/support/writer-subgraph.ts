/**
 * A subgraph process for the shutdown tests: `record` writes two rows in one transaction with a pause
 * between them, so that a test can signal the process while a write is in flight.
 * Env: WRITER_DATABASE_URL, PORT (0 = any; the port is in the "listening" log line).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSubgraph } from '@hub/subgraph-runtime';
import { Pool } from 'pg';

const SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { notes: Int! }
type Mutation { record(note: String!, holdMs: Int!): String! }
`;

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.WRITER_DATABASE_URL, max: 4 });
  const schemaFile = path.join(tmpdir(), `writer-${process.pid}.graphql`);
  writeFileSync(schemaFile, SDL);
  let log: ((message: string) => void) | undefined;
  await startSubgraph({
    name: 'writer',
    schemaFile,
    port: Number(process.env.PORT ?? 0),
    context: (access) => access,
    writeAudit: async () => {
      throw new Error('the writer test subgraph keeps no audit trail');
    },
    resolvers: {
      Query: { notes: async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM notes')).rows[0]!.n) },
      Mutation: {
        record: async (_: unknown, { note, holdMs }: { note: string; holdMs: number }) => {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query('INSERT INTO notes (note, part) VALUES ($1, 1)', [note]);
            await client.query('SELECT pg_sleep($1::float / 1000)', [holdMs]);
            await client.query('INSERT INTO notes (note, part) VALUES ($1, 2)', [note]);
            await client.query('COMMIT');
            return note;
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          } finally {
            client.release();
          }
        },
      },
    },
    onStop: async () => {
      await pool.end();
      log?.('pool closed');
    },
  }).then(() => {
    log = (message) => process.stdout.write(`${JSON.stringify({ level: 'info', service: 'writer', msg: message })}\n`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
