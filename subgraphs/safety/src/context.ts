import type { RequestAccess } from '@hub/subgraph-runtime';
import type { SafetyDb } from './data/db';
import type { Loaders } from './data/loaders';

/** One request's context: the caller the gateway vouched for, its audit notes, and the data access with fresh loaders. */
export interface Context extends RequestAccess {
  db: SafetyDb;
  loaders: Loaders;
}
