import type { EmploymentDb } from './data/db';
import type { Loaders } from './data/loaders';

export interface Context {
  db: EmploymentDb;
  loaders: Loaders;
}
