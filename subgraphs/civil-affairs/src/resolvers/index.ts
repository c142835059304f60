import { scalarResolvers } from '@hub/scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { ApplicationStep, ConflictFiling, ConflictOfInterest, DibaoApplication, OfficerRelative, ReliefOfficer } from './Application';
import { AssistanceEnrolment, DisabilityRecord } from './Enrolment';
import { Household } from './Household';
import { Mutation } from './Mutation';
import { Person } from './Person';
import { Query } from './Query';
import { Region } from './Region';
import { CareInstitution, CareResidence, Condolence, GloryPlaque, HouseRebuilding, MedicalAssistanceClaim, SpecialCareRecipient, TemporaryAssistanceGrant } from './Relief';
import { AssistanceEnrolmentConnection, AssistancePayment, AssistancePaymentConnection, DibaoApplicationConnection, AssistanceStandard, DeathRecord, PayrollRun } from './Records';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Region,
  Household,
  Person,
  AssistanceEnrolment,
  DisabilityRecord,
  AssistanceStandard,
  AssistancePayment,
  AssistancePaymentConnection,
  AssistanceEnrolmentConnection,
  DibaoApplicationConnection,
  DeathRecord,
  PayrollRun,
  DibaoApplication,
  ConflictOfInterest,
  ApplicationStep,
  ConflictFiling,
  ReliefOfficer,
  OfficerRelative,
  MedicalAssistanceClaim,
  TemporaryAssistanceGrant,
  CareInstitution,
  CareResidence,
  SpecialCareRecipient,
  GloryPlaque,
  Condolence,
  HouseRebuilding,
};
