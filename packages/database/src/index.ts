export { applyMigrations, listMigrations, checksum, MigrationError, type MigrationOptions } from './migrate';
export { SUBGRAPHS, SUBGRAPH_NAMES, databaseUrlFor, portFor, type SubgraphName } from './subgraphs';
export { StatementCounter, pgAdapter, type AdapterOptions } from './prisma';
export { copyRows, type CopyValue } from './copy';
export { byKey, groupByKey } from './batch';
