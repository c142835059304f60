/** The five phases of a safe-community programme, in order (建设阶段). */
export type PhaseKind = 'LAUNCH' | 'MOBILISATION' | 'IMPLEMENTATION' | 'ACCREDITATION' | 'CONTINUOUS_IMPROVEMENT';

export const PHASE_ORDER: readonly PhaseKind[] = ['LAUNCH', 'MOBILISATION', 'IMPLEMENTATION', 'ACCREDITATION', 'CONTINUOUS_IMPROVEMENT'];

export interface PhaseDates {
  phase: PhaseKind;
  plannedStart: string;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
}

/** The phase the programme is in on a day: the last one started and not ended; null before the launch. */
export function currentPhase(phases: readonly PhaseDates[], today: string): PhaseKind | null {
  const sorted = [...phases].sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase));
  let current: PhaseKind | null = null;
  for (const p of sorted) {
    const start = p.actualStart ?? p.plannedStart;
    if (start <= today) current = p.phase;
  }
  return current;
}

/** A phase is late (滞后) when it has not started by its planned start, or not ended by its planned end. */
export function phaseLate(p: PhaseDates, today: string): boolean {
  if (!p.actualStart) return p.plannedStart < today;
  return p.plannedEnd !== null && !p.actualEnd && p.plannedEnd < today;
}

/** Checks a phase's dates: ends not before starts; returns the offending field or null. */
export function phaseDateProblem(p: Pick<PhaseDates, 'actualStart' | 'actualEnd'>): string | null {
  if (p.actualEnd && !p.actualStart) return 'actualStart';
  if (p.actualStart && p.actualEnd && p.actualEnd < p.actualStart) return 'actualEnd';
  return null;
}
