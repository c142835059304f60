import { addMonths } from '@hub/scalars';

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

function dayBefore(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Shortest programme: the seed's plan gives launch 3 months, mobilisation 2, accreditation 2, and implementation needs a year. */
export const MIN_PROGRAMME_MONTHS = 19;

/**
 * Planned phases after the seed's plan (启动 3 个月, 宣传发动 2 个月, 全面推进 to two months before the target,
 * 申请验收 the target's month and the one before, 持续改进 from the day after the target); null when the target is too close.
 */
export function planPhases(launch: string, target: string): PhaseDates[] | null {
  if (addMonths(launch, MIN_PROGRAMME_MONTHS) > target) return null;
  const mobilisation = addMonths(launch, 3);
  const implementation = addMonths(launch, 5);
  // Accreditation takes the target's month and the one before it (the seed: 2017年9月至10月).
  const accreditation = `${addMonths(target, -1).slice(0, 8)}01`;
  const improvement = new Date(Date.parse(`${target}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const phase = (p: PhaseKind, start: string, end: string | null): PhaseDates => ({ phase: p, plannedStart: start, plannedEnd: end, actualStart: null, actualEnd: null });
  return [
    phase('LAUNCH', launch, dayBefore(mobilisation)),
    phase('MOBILISATION', mobilisation, dayBefore(implementation)),
    phase('IMPLEMENTATION', implementation, dayBefore(accreditation)),
    phase('ACCREDITATION', accreditation, target),
    phase('CONTINUOUS_IMPROVEMENT', improvement, null),
  ];
}
