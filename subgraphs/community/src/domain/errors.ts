/** A rule's refusal, shaped like the graph's UserError so resolvers pass it through unchanged. */
export type UserErrorCode = 'INVALID' | 'REQUIRED' | 'NOT_FOUND' | 'DUPLICATE' | 'INVALID_TRANSITION' | 'CONFLICT' | 'RULE_VIOLATION';

export interface DomainError {
  field: string[];
  code: UserErrorCode;
  message: string;
}

export const domainError = (field: string[], code: UserErrorCode, message: string): DomainError => ({ field, code, message });
