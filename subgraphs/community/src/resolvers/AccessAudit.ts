import { readAuditRecords } from '@hub/access';
import type { QueryResolvers } from '../generated/resolvers-types';
import { SCHEMA } from '../data/db';
import { badUserInput } from './errors';
import { isUuid } from './Query';

const AUDIT_ROW_ID = /^[1-9]\d{0,17}$/;
const MAX_SUBJECT_LENGTH = 200;

/** The audit trail of this subgraph's sensitive reads, for audit:read holders (the SDL requires the scope). */
export const AccessAuditQuery: QueryResolvers = {
  communityAccessAudit: (_parent, { personId, subject, first, beforeId }, { db }) => {
    const size = first ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > 100) throw badUserInput('first', `must be between 1 and 100, got ${size}`);
    if (beforeId !== null && beforeId !== undefined && !AUDIT_ROW_ID.test(beforeId)) throw badUserInput('beforeId', 'is not an audit entry id');
    if (personId !== null && personId !== undefined && !isUuid(personId)) throw badUserInput('personId', 'is not a person id');
    if (subject !== null && subject !== undefined && (subject.trim() === '' || [...subject].length > MAX_SUBJECT_LENGTH)) {
      throw badUserInput('subject', `must be 1 to ${MAX_SUBJECT_LENGTH} characters and not blank`);
    }
    return readAuditRecords(db.pool, SCHEMA, { personId: personId ?? undefined, subject: subject ?? undefined, first: size, beforeId: beforeId ?? undefined });
  },
};
