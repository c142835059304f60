import type { CommunityDb } from './data/db';
import type { Loaders } from './data/loaders';

export interface Context {
  db: CommunityDb;
  loaders: Loaders;
}
