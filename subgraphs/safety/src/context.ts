import type { SafetyDb } from './data/db';
import type { Loaders } from './data/loaders';

export interface Context {
  db: SafetyDb;
  loaders: Loaders;
}
