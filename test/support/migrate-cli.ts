// Applies migrations from a separate process: `node --import tsx test/support/migrate-cli.ts <url> <schema> <dir>`.
import { applyMigrations } from '@hub/database';

const [connectionString, schema, migrationsDir] = process.argv.slice(2) as [string, string, string];
applyMigrations({ connectionString, schema, migrationsDir }).then(
  (applied) => console.log(JSON.stringify(applied)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
