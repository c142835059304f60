import type { CadreRelatives } from './data/community';
import type { CivilAffairsDb } from './data/db';
import type { Loaders } from './data/loaders';

export interface Context {
  db: CivilAffairsDb;
  loaders: Loaders;
  /** The day "today" means for statuses and rules; fixed per request. */
  today: string;
  /** Community cadres' near relatives, read from the community subgraph. */
  cadreRelatives: CadreRelatives;
}
