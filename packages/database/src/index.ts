export { applyMigrations, listMigrations, checksum, MigrationError, type MigrationOptions } from './migrate';
export { SUBGRAPHS, SUBGRAPH_NAMES, databaseUrlFor, portFor, type SubgraphName } from './subgraphs';
export { StatementCounter, createSubgraphDb, type SubgraphDb, type PoolOptions } from './prisma';
export { copyPipeline, copyRows, deferIndexes, encodeCopyRow, encodeCopyValue, sendRows, withCopyPipeline, type CopyPipeline, type CopyPipelineOptions, type CopyValue } from './copy';
export { byKey, groupByKey } from './batch';
export { dayBucket, MAX_BUCKET, MIN_BUCKET, requireSummaryPrefix, sumSummaryRanges, suspendStatisticsSummary, upTo, type BucketRange, type RawQueryRunner } from './summary';
export { idempotencyTableSql, requestHash, claimIdempotencyKey, completeIdempotencyKey, type RawTransaction, type IdempotencyClaim } from './idempotency';
