/** Emergency plan versions (预案版本): each is issued, then approved; only the newest may be approved, one draft at a time. */
export interface PlanVersion {
  version: number;
  issuedOn: string;
  approvedOn: string | null;
}

export type PlanCheck = { ok: true } | { ok: false; code: 'INVALID_TRANSITION' | 'RULE_VIOLATION' | 'INVALID' | 'NOT_FOUND'; field: string; message: string };

function newest(versions: readonly PlanVersion[]): PlanVersion | undefined {
  return [...versions].sort((a, b) => b.version - a.version)[0];
}

/** A revision may be issued when no draft awaits approval, on or after the newest version's issue day. */
export function checkRevision(versions: readonly PlanVersion[], issuedOn: string): PlanCheck {
  const latest = newest(versions);
  if (latest && latest.approvedOn === null) return { ok: false, code: 'RULE_VIOLATION', field: 'planId', message: `version ${latest.version} still awaits approval` };
  if (latest && issuedOn < latest.issuedOn) return { ok: false, code: 'INVALID', field: 'issuedOn', message: `version ${latest.version} was issued on ${latest.issuedOn}` };
  return { ok: true };
}

/** Only the newest version, not yet approved, on or after its issue day. */
export function checkApproval(versions: readonly PlanVersion[], version: number, approvedOn: string): PlanCheck {
  const target = versions.find((v) => v.version === version);
  if (!target) return { ok: false, code: 'NOT_FOUND', field: 'version', message: `the plan has no version ${version}` };
  if (target.approvedOn !== null) return { ok: false, code: 'INVALID_TRANSITION', field: 'version', message: `version ${version} was approved on ${target.approvedOn}` };
  if (newest(versions)!.version !== version) return { ok: false, code: 'RULE_VIOLATION', field: 'version', message: `only the newest version (${newest(versions)!.version}) can be approved` };
  if (approvedOn < target.issuedOn) return { ok: false, code: 'INVALID', field: 'approvedOn', message: `version ${version} was issued on ${target.issuedOn}` };
  return { ok: true };
}
