import { scalarResolvers } from '@hub/scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { InjuryRecord } from './Injury';
import { Person } from './Person';
import { Region } from './Region';

export const resolvers: Resolvers = {
  Date: scalarResolvers.Date,
  DateTime: scalarResolvers.DateTime,
  Region,
  Person,
  InjuryRecord,
};
