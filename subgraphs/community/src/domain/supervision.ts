import { quarterStart } from './dates';

export interface SupervisionPeriod {
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD; null while the file is open. */
  endDate: string | null;
}

/** Whether a supervision file is in force on a day (帮教期内). */
export function isSupervisionActive(file: SupervisionPeriod, today: string): boolean {
  return file.startDate <= today && (file.endDate === null || file.endDate >= today);
}

/**
 * The overdue flag (帮教逾期): a file in force today with no face-to-face visit (面对面帮教) from the first
 * day of the current calendar quarter up to today. Phone calls do not count; visits after today are ignored.
 */
export function isSupervisionOverdue(file: SupervisionPeriod, faceToFaceVisitDates: readonly string[], today: string): boolean {
  if (!isSupervisionActive(file, today)) return false;
  const from = quarterStart(today);
  return !faceToFaceVisitDates.some((date) => date >= from && date <= today);
}
