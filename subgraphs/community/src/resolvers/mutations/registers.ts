import { randomUUID } from 'node:crypto';
import { regionLevel } from '@hub/identifiers';
import { toIsoDate } from '@hub/scalars';
import type { MutationResolvers } from '../../generated/resolvers-types';
import { isSupervisionActive } from '../../domain/supervision';
import type { SupervisionVisitRecord } from '../../data/models';
import { dbDate, mutate, once, type Tx, type Validator } from './run';

const PERMIT = /^[0-9A-Za-z-]{6,30}$/;

/** A cadre who serves in the given community on the given day. */
async function servingCadre(v: Validator, field: string, id: string | null | undefined, regionCode: string | undefined, on: string | null) {
  const cadre = await v.cadre(field, id);
  if (cadre && regionCode && cadre.regionCode !== regionCode) v.add(field, 'RULE_VIOLATION', `the cadre serves ${cadre.regionCode}, not ${regionCode}`);
  if (cadre && on && !isSupervisionActive({ startDate: toIsoDate(cadre.startDate), endDate: cadre.endDate ? toIsoDate(cadre.endDate) : null }, on)) {
    v.add(field, 'RULE_VIOLATION', `the cadre was not in office on ${on}`);
  }
  return cadre;
}

/** A stored visit with the supervised person's id, which the audit of its fields names. */
export async function visitWithPerson(tx: Tx, id: string): Promise<SupervisionVisitRecord> {
  const visit = await tx.supervisionVisit.findUniqueOrThrow({ where: { id } });
  const file = await tx.supervisionFile.findUniqueOrThrow({ where: { id: visit.fileId } });
  return { ...visit, personId: file.personId };
}

export const registerMutations: MutationResolvers = {
  registerFloatingResident: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const person = await v.person('personId', input.personId, { placing: true });
      const region = await v.community('regionCode', input.regionCode);
      if (regionLevel(input.originCode) !== 'DISTRICT') v.add('originCode', 'INVALID', `"${input.originCode}" is not a 6-digit district code`);
      const originAddress = v.text('originAddress', input.originAddress, { max: 200 });
      const arrival = v.date('arrivalDate', input.arrivalDate);
      const permitNumber = v.text('residencePermitNumber', input.residencePermitNumber, { max: 30 });
      if (permitNumber && !PERMIT.test(permitNumber)) v.add('residencePermitNumber', 'INVALID', 'must be 6–30 letters, digits or hyphens');
      const expiry = v.date('residencePermitExpiry', input.residencePermitExpiry, { required: false, future: true });
      v.order('residencePermitExpiry', arrival, expiry, 'the arrival');
      if (person && (await tx.floatingRegistration.findFirst({ where: { personId: person.id, departureDate: null } }))) {
        v.add('personId', 'DUPLICATE', 'the person has an open registration: record the departure first');
      }
      v.done();
      return tx.floatingRegistration.create({
        data: {
          id: randomUUID(),
          personId: person!.id,
          regionCode: region!.code,
          originCode: input.originCode,
          originAddress,
          reason: input.reason,
          arrivalDate: dbDate(arrival!),
          permitNumber,
          permitExpiry: expiry ? dbDate(expiry) : null,
        },
      });
    }, once('registerFloatingResident', input, (tx, id) => tx.floatingRegistration.findUniqueOrThrow({ where: { id } })));
    return { floatingRegistration: result.value, userErrors: result.userErrors };
  },

  updateFloatingRegistration: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const registration = await v.record('id', input.id, (id) => tx.floatingRegistration.findUnique({ where: { id } }), 'floating registration', (r) => v.inside(r.regionCode));
      const originAddress = input.originAddress === undefined ? undefined : v.text('originAddress', input.originAddress, { max: 200 });
      const permitNumber = input.residencePermitNumber === undefined ? undefined : v.text('residencePermitNumber', input.residencePermitNumber, { max: 30 });
      if (permitNumber && !PERMIT.test(permitNumber)) v.add('residencePermitNumber', 'INVALID', 'must be 6–30 letters, digits or hyphens');
      const expiry = input.residencePermitExpiry === undefined ? undefined : v.date('residencePermitExpiry', input.residencePermitExpiry, { required: false, future: true });
      if (registration) v.order('residencePermitExpiry', toIsoDate(registration.arrivalDate), expiry ?? null, 'the arrival');
      v.done();
      return tx.floatingRegistration.update({
        where: { id: registration!.id },
        data: { originAddress, permitNumber, permitExpiry: expiry === undefined ? undefined : expiry ? dbDate(expiry) : null, reason: input.reason ?? undefined },
      });
    });
    return { floatingRegistration: result.value, userErrors: result.userErrors };
  },

  recordFloatingDeparture: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const registration = await v.record('id', input.id, (id) => tx.floatingRegistration.findUnique({ where: { id } }), 'floating registration', (r) => v.inside(r.regionCode));
      const departure = v.date('departureDate', input.departureDate);
      if (registration?.departureDate) v.add('id', 'INVALID_TRANSITION', `the departure was already recorded on ${toIsoDate(registration.departureDate)}`);
      if (registration) v.order('departureDate', toIsoDate(registration.arrivalDate), departure, 'the arrival');
      v.done();
      return tx.floatingRegistration.update({ where: { id: registration!.id }, data: { departureDate: dbDate(departure!) } });
    }, once('recordFloatingDeparture', input, (tx, id) => tx.floatingRegistration.findUniqueOrThrow({ where: { id } })));
    return { floatingRegistration: result.value, userErrors: result.userErrors };
  },

  openSupervisionFile: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const person = await v.person('personId', input.personId, { placing: true });
      const region = await v.community('regionCode', input.regionCode);
      const release = v.date('releaseDate', input.releaseDate);
      const start = v.date('startDate', input.startDate);
      v.order('startDate', release, start, 'the release');
      await servingCadre(v, 'responsibleCadreId', input.responsibleCadreId, region?.code, loaders.today);
      const note = v.text('note', input.note, { max: 1000 });
      if (person && (await tx.supervisionFile.findUnique({ where: { personId: person.id } }))) v.add('personId', 'DUPLICATE', 'the person already has a file (一人一档)');
      v.done();
      return tx.supervisionFile.create({
        data: {
          id: randomUUID(),
          personId: person!.id,
          regionCode: region!.code,
          category: input.category,
          releaseDate: dbDate(release!),
          startDate: dbDate(start!),
          cadreId: input.responsibleCadreId,
          note,
        },
      });
    });
    return { supervisionFile: result.value, userErrors: result.userErrors };
  },

  updateSupervisionFile: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const file = await v.record('id', input.id, (id) => tx.supervisionFile.findUnique({ where: { id } }), 'supervision file', (f) => v.inside(f.regionCode));
      if (input.responsibleCadreId) await servingCadre(v, 'responsibleCadreId', input.responsibleCadreId, file?.regionCode, loaders.today);
      const note = input.note === undefined ? undefined : v.text('note', input.note, { max: 1000 });
      const end = input.endDate === undefined || input.endDate === null ? undefined : v.date('endDate', input.endDate);
      if (file && end) v.order('endDate', toIsoDate(file.startDate), end, 'the start');
      v.done();
      return tx.supervisionFile.update({
        where: { id: file!.id },
        data: { cadreId: input.responsibleCadreId ?? undefined, note, endDate: end ? dbDate(end) : undefined },
      });
    });
    return { supervisionFile: result.value, userErrors: result.userErrors };
  },

  recordSupervisionVisit: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const file = await v.record('fileId', input.fileId, (id) => tx.supervisionFile.findUnique({ where: { id } }), 'supervision file', (f) => v.inside(f.regionCode));
      const date = v.date('date', input.date);
      if (file && date && !isSupervisionActive({ startDate: toIsoDate(file.startDate), endDate: file.endDate ? toIsoDate(file.endDate) : null }, date)) {
        v.add('date', 'RULE_VIOLATION', 'the file was not in force on that day');
      }
      await servingCadre(v, 'cadreId', input.cadreId, file?.regionCode, date);
      const summary = v.text('summary', input.summary, { required: true, max: 2000 });
      const help = [...new Set(input.help ?? [])];
      v.done();
      const visit = await tx.supervisionVisit.create({ data: { id: randomUUID(), fileId: file!.id, visitDate: dbDate(date!), mode: input.mode, cadreId: input.cadreId, summary: summary!, help } });
      return { ...visit, personId: file!.personId };
    }, once('recordSupervisionVisit', input, (tx, id) => visitWithPerson(tx, id)));
    return { supervisionVisit: result.value, userErrors: result.userErrors };
  },
};
