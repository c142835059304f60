import { addMonths } from './dates';

/** Enrolments are reviewed once a year (低保年度重审): due a year after the last review, or after the start. */
export const REVIEW_INTERVAL_MONTHS = 12;

export function reviewDue(startDate: string, lastReviewedOn: string | null): string {
  return addMonths(lastReviewedOn ?? startDate, REVIEW_INTERVAL_MONTHS);
}
