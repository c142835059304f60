import type { RequestAccess } from "@hub/subgraph-runtime";
import type { CadreRelatives } from './data/community';
import type { CivilAffairsDb } from './data/db';
import type { Loaders } from './data/loaders';

/** One request's context: the caller the gateway vouched for, its audit notes, and the data access with fresh loaders. */
export interface Context extends RequestAccess {
  db: CivilAffairsDb;
  loaders: Loaders;
  /** The day "today" means for statuses and rules; fixed per request. */
  today: string;
  /** Community cadres' near relatives, read from the community subgraph. */
  cadreRelatives: CadreRelatives;
}
