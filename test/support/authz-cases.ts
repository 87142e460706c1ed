/**
 * A valid request for every operations route (by the OpenAPI operationId) and for every
 * operation of the permission table that has no route: what the authorization matrix
 * (test/authz-matrix.test.ts) sends from every role and scope, and the signed-in fuzz
 * (test/openapi-fuzz-signed.test.ts) starts from. Each case names the operation it is
 * authorised as and the target the permission table is asked about; `prepare` makes the
 * records it acts on (fresh ones for a change, so that an allowed cell does not spoil the
 * next), then answers the HTTP request and the same call to the use case (for the local
 * operator, who has no HTTP session).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isoDate } from '../../src/domain/date.ts';
import type { OpsResult } from '../../src/ops/issues.ts';
import { ORGANISATION_ROLES, type Role } from '../../src/ops/model.ts';
import { PERMISSIONS, type Actor, type Operation, type Target } from '../../src/ops/permissions.ts';
import type { RequestContext } from '../../src/app/ops/service.ts';
import { HOME, SINCE, TODAY, type Grant, type OpsWorld, type Patient } from './ops-world.ts';

export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Prepared {
  http: HttpCall | null;
  direct: (actor: Actor, ctx: RequestContext) => Promise<OpsResult<unknown>>;
}

export interface AuthzCase {
  operation: Operation;
  target: Target;
  prepare(world: OpsWorld): Promise<Prepared>;
}

const P1 = `${HOME}/P1`;
const H1 = `${HOME}/H1`;
const PH1 = `${HOME}/PH1`;
const region = (r = HOME): Target => ({ region: r, organisation: null });
const at = (organisation: string): Target => ({ region: HOME, organisation });

/** Records every read case shares (made once per world): reading changes nothing. */
const shared = new WeakMap<
  OpsWorld,
  Promise<{ patient: Patient; rx: { id: string; number: string } }>
>();
function sharedOf(world: OpsWorld) {
  let made = shared.get(world);
  if (!made) {
    made = (async () => {
      const rx = await world.prescription();
      return { patient: { id: rx.patientId, iin: rx.iin }, rx: { id: rx.id, number: rx.number } };
    })();
    shared.set(world, made);
  }
  return made;
}

const organisationInput = (world: OpsWorld) => {
  const code = `M${world.next()}`;
  return { region: HOME, code, kind: 'polyclinic', name: { kk: code, ru: code, en: code } };
};

/** The routes, by operationId: every signed-in route of the OpenAPI document has one. */
export const ROUTE_CASES: Readonly<Record<string, AuthzCase>> = {
  // The analyses (docs/adr/0018, 0019): aggregates of a region, no patient.
  analyticsImpact: {
    operation: 'analytics.aggregate',
    target: region(),
    prepare: async (w) => ({
      http: { method: 'GET', path: `/api/v1/ops/analytics/impact?region=${HOME}&date=${TODAY}` },
      direct: (a, ctx) => w.analytics.impact(a, { region: HOME, date: TODAY }, ctx),
    }),
  },
  analyticsGaps: {
    operation: 'analytics.aggregate',
    target: region(),
    prepare: async (w) => ({
      http: { method: 'GET', path: `/api/v1/ops/analytics/gaps?region=${HOME}&on=${TODAY}` },
      direct: (a, ctx) => w.analytics.gaps(a, { region: HOME, on: TODAY }, ctx),
    }),
  },
  analyticsNeed: {
    operation: 'analytics.aggregate',
    target: region(),
    prepare: async (w) => {
      const year = TODAY.slice(0, 4);
      return {
        http: { method: 'GET', path: `/api/v1/ops/analytics/need?region=${HOME}&year=${year}` },
        direct: (a, ctx) => w.analytics.need(a, { region: HOME, year: Number(year) }, ctx),
      };
    },
  },
  analyticsWhatIf: {
    operation: 'analytics.aggregate',
    target: region(),
    prepare: async (w) => {
      const body = { region: HOME, date: TODAY, draft: currentListOf(w) };
      return {
        http: { method: 'POST', path: '/api/v1/ops/analytics/whatif', body },
        direct: (a, ctx) => w.analytics.whatIf(a, body, ctx),
      };
    },
  },
  listOrganisations: {
    operation: 'organisation.list',
    target: region(),
    prepare: async (w) => ({
      http: { method: 'GET', path: `/api/v1/ops/organisations?region=${HOME}` },
      direct: (a, ctx) => w.service.listOrganisations(a, HOME, ctx),
    }),
  },
  createOrganisation: {
    operation: 'organisation.create',
    target: region(),
    prepare: async (w) => {
      const body = organisationInput(w);
      return {
        http: { method: 'POST', path: '/api/v1/ops/organisations', body },
        direct: (a, ctx) => w.service.createOrganisation(a, body, ctx),
      };
    },
  },
  createAccount: {
    operation: 'account.create',
    target: region(),
    prepare: async (w) => {
      const username = `new${w.next()}.doctor`;
      const body = {
        username,
        displayName: username,
        grants: [{ role: 'doctor', region: HOME, organisation: P1 }],
      };
      return {
        http: { method: 'POST', path: '/api/v1/ops/accounts', body },
        direct: (a, ctx) => w.service.accounts.createAccount(a, body, ctx),
      };
    },
  },
  readAudit: {
    operation: 'audit.read',
    target: region(),
    prepare: async (w) => ({
      http: { method: 'GET', path: `/api/v1/ops/audit?region=${HOME}&limit=5` },
      direct: (a, ctx) => w.service.readAudit(a, HOME, { after: 0, limit: 5 }, ctx),
    }),
  },
  verifyAudit: {
    operation: 'audit.verify',
    target: region(),
    prepare: async (w) => ({
      http: { method: 'POST', path: '/api/v1/ops/audit/verify', body: { region: HOME } },
      direct: (a, ctx) => w.service.verifyAudit(a, HOME, ctx),
    }),
  },
  createPatient: {
    operation: 'patient.create',
    target: at(P1),
    prepare: async (w) => {
      const patient = w.patientInput();
      return {
        http: {
          method: 'POST',
          path: '/api/v1/ops/patients',
          body: { ...patient, organisation: P1, from: SINCE },
        },
        direct: (a, ctx) =>
          w.service.patients.createPatient(
            a,
            patient,
            { organisation: P1, from: isoDate(SINCE) },
            ctx,
          ),
      };
    },
  },
  findPatientByIin: {
    operation: 'patient.read',
    target: at(P1),
    prepare: async (w) => {
      const { patient } = await sharedOf(w);
      return {
        http: { method: 'POST', path: '/api/v1/ops/patients/search', body: { iin: patient.iin } },
        direct: (a, ctx) => w.service.patients.findPatientByIin(a, { iin: patient.iin }, ctx),
      };
    },
  },
  readPatient: {
    operation: 'patient.read',
    target: at(P1),
    prepare: async (w) => {
      const { patient } = await sharedOf(w);
      return {
        http: { method: 'GET', path: `/api/v1/ops/patients/${patient.id}` },
        direct: (a, ctx) => w.service.patients.readPatient(a, patient.id, ctx),
      };
    },
  },
  attachPatient: {
    operation: 'patient.attach',
    // The receiving organisation; the patient comes from the other polyclinic.
    target: at(P1),
    prepare: async (w) => {
      const patient = await w.patient(`${HOME}/P2`);
      const body = { organisation: P1, from: TODAY };
      return {
        http: { method: 'POST', path: `/api/v1/ops/patients/${patient.id}/attachments`, body },
        direct: (a, ctx) => w.service.patients.attachPatient(a, patient.id, body, ctx),
      };
    },
  },
  registerPatient: {
    operation: 'registration.create',
    target: at(P1),
    prepare: async (w) => {
      const body = w.registrationInput((await w.patient()).id);
      return {
        http: { method: 'POST', path: '/api/v1/ops/registrations', body },
        direct: (a, ctx) => w.service.register.register(a, body, ctx),
      };
    },
  },
  closeRegistration: {
    operation: 'registration.close',
    target: at(P1),
    prepare: async (w) => {
      const id = await w.register(await w.patient());
      const body = { to: TODAY, reason: 'recovered' };
      return {
        http: { method: 'POST', path: `/api/v1/ops/registrations/${id}/close`, body },
        direct: (a, ctx) => w.service.register.close(a, id, body, ctx),
      };
    },
  },
  listRegistrations: {
    operation: 'registration.read',
    target: at(P1),
    prepare: async (w) => {
      const { patient } = await sharedOf(w);
      return {
        http: { method: 'GET', path: `/api/v1/ops/patients/${patient.id}/registrations` },
        direct: (a, ctx) => w.service.register.registrations(a, patient.id, ctx),
      };
    },
  },
  recordCommissionDecision: {
    operation: 'commission.record',
    target: at(H1),
    prepare: async (w) => {
      const { patient } = await sharedOf(w);
      const body = {
        patientId: patient.id,
        organisation: H1,
        protocolNumber: String(w.next()),
        protocolDate: SINCE,
        icd10: 'I50.0',
        inns: ['eplerenone'],
        validFrom: SINCE,
        validTo: null,
      };
      return {
        http: { method: 'POST', path: '/api/v1/ops/commission-decisions', body },
        direct: (a, ctx) => w.service.register.decide(a, body, ctx),
      };
    },
  },
  listCommissionDecisions: {
    operation: 'commission.read',
    target: at(P1),
    prepare: async (w) => {
      const { patient } = await sharedOf(w);
      return {
        http: { method: 'GET', path: `/api/v1/ops/patients/${patient.id}/commission-decisions` },
        direct: (a, ctx) => w.service.register.decisions(a, patient.id, ctx),
      };
    },
  },
  issuePrescription: {
    operation: 'prescription.issue',
    target: at(P1),
    prepare: async (w) => {
      const body = w.prescriptionInput((await w.registeredPatient()).id);
      return {
        http: { method: 'POST', path: '/api/v1/ops/prescriptions', body },
        direct: (a, ctx) => w.service.prescriptions.issue(a, body, ctx),
      };
    },
  },
  findPrescriptionByNumber: {
    operation: 'prescription.read',
    target: at(P1),
    prepare: async (w) => {
      const { rx } = await sharedOf(w);
      return {
        http: {
          method: 'POST',
          path: '/api/v1/ops/prescriptions/lookup',
          body: { number: rx.number },
        },
        direct: (a, ctx) => w.service.prescriptions.read(a, { number: rx.number }, ctx),
      };
    },
  },
  readPrescription: {
    operation: 'prescription.read',
    target: at(P1),
    prepare: async (w) => {
      const { rx } = await sharedOf(w);
      return {
        http: { method: 'GET', path: `/api/v1/ops/prescriptions/${rx.id}` },
        direct: (a, ctx) => w.service.prescriptions.read(a, { id: rx.id }, ctx),
      };
    },
  },
  prescriptionQr: {
    operation: 'prescription.read',
    target: at(P1),
    prepare: async (w) => {
      const { rx } = await sharedOf(w);
      return {
        http: { method: 'GET', path: `/api/v1/ops/prescriptions/${rx.id}/qr` },
        direct: (a, ctx) => w.service.prescriptions.qr(a, rx.id, ctx),
      };
    },
  },
  listPrescriptions: {
    operation: 'prescription.read',
    target: at(P1),
    prepare: async (w) => {
      const { patient } = await sharedOf(w);
      return {
        http: { method: 'GET', path: `/api/v1/ops/patients/${patient.id}/prescriptions` },
        direct: (a, ctx) => w.service.prescriptions.list(a, patient.id, {}, ctx),
      };
    },
  },
  cancelPrescription: {
    operation: 'prescription.cancel',
    target: at(P1),
    prepare: async (w) => {
      const rx = await w.prescription();
      const body = { reason: 'entered_in_error' };
      return {
        http: { method: 'POST', path: `/api/v1/ops/prescriptions/${rx.id}/cancel`, body },
        direct: (a, ctx) => w.service.prescriptions.cancel(a, rx.id, body, ctx),
      };
    },
  },
  findDispensable: {
    operation: 'prescription.find',
    // The pharmacy asking.
    target: at(PH1),
    prepare: async (w) => {
      const { rx } = await sharedOf(w);
      const body = { pharmacy: PH1, on: TODAY, number: rx.number };
      return {
        http: { method: 'POST', path: '/api/v1/ops/dispensing/find', body },
        direct: (a, ctx) => w.service.dispensing.findPrescriptions(a, body, ctx),
      };
    },
  },
  dispense: {
    operation: 'dispense.record',
    target: at(PH1),
    prepare: async (w) => {
      const rx = await w.prescription();
      const key = randomUUID();
      const body = {
        prescriptionId: rx.id,
        pharmacy: PH1,
        quantity: 1,
        lot: 'LOT-1',
        expiry: '2030-12-31',
        dispensedOn: TODAY,
      };
      return {
        http: {
          method: 'POST',
          path: '/api/v1/ops/dispenses',
          body,
          headers: { 'idempotency-key': key },
        },
        direct: (a, ctx) => w.service.dispensing.dispense(a, { ...body, idempotencyKey: key }, ctx),
      };
    },
  },
  defer: {
    operation: 'dispense.defer',
    target: at(PH1),
    prepare: async (w) => {
      const rx = await w.prescription();
      const key = randomUUID();
      const body = { prescriptionId: rx.id, pharmacy: PH1, recordedOn: TODAY };
      return {
        http: {
          method: 'POST',
          path: '/api/v1/ops/deferrals',
          body,
          headers: { 'idempotency-key': key },
        },
        direct: (a, ctx) => w.service.dispensing.defer(a, { ...body, idempotencyKey: key }, ctx),
      };
    },
  },
  readLedger: {
    operation: 'dispense.read',
    // The prescribing organisation.
    target: at(P1),
    prepare: async (w) => {
      const { rx } = await sharedOf(w);
      return {
        http: { method: 'GET', path: `/api/v1/ops/prescriptions/${rx.id}/ledger` },
        direct: (a, ctx) => w.service.dispensing.ledger(a, rx.id, ctx),
      };
    },
  },
};

/** Operations of the permission table with no HTTP route: driven through the use case. */
export const USE_CASE_CASES: Readonly<Partial<Record<Operation, AuthzCase>>> = {
  // Minted by `tegin users token`: the target is each region the account holds a role in.
  'account.token': {
    operation: 'account.token',
    target: region(),
    prepare: async (w) => {
      const { username } = await w.doctor();
      return {
        http: null,
        direct: (a, ctx) => w.service.accounts.issueToken(a, { username, hours: 1 }, ctx),
      };
    },
  },
  // The staff screens' work lists (docs/adr/0020): a commission's decisions expiring soon, a
  // pharmacy's journal of a day.
  'commission.list': {
    operation: 'commission.list',
    target: at(H1),
    prepare: async (w) => ({
      http: null,
      direct: (a, ctx) => w.service.desks.expiringDecisions(a, H1, 30, ctx),
    }),
  },
  'dispense.journal': {
    operation: 'dispense.journal',
    target: at(PH1),
    prepare: async (w) => ({
      http: null,
      direct: (a, ctx) => w.service.desks.journal(a, PH1, TODAY, ctx),
    }),
  },
  // The administrator's screens (docs/adr/0020): the region's accounts and its parameters.
  'account.list': {
    operation: 'account.list',
    target: region(),
    prepare: async (w) => ({
      http: null,
      direct: (a, ctx) => w.service.administration.listAccounts(a, HOME, null, ctx),
    }),
  },
  'provision.read': {
    operation: 'provision.read',
    target: region(),
    prepare: async (w) => ({
      http: null,
      direct: (a, ctx) => w.service.administration.provision(a, HOME, ctx),
    }),
  },
  // `tegin analytics impact --token`: a list naming patients (docs/adr/0018).
  'analytics.patients': {
    operation: 'analytics.patients',
    target: region(),
    prepare: async (w) => ({
      http: null,
      direct: (a, ctx) =>
        w.analytics.impact(a, { region: HOME, date: TODAY, view: 'patients' }, ctx),
    }),
  },
};

/** The text of HOME's list in force today: a draft that changes nothing, valid by construction. */
function currentListOf(w: OpsWorld): string {
  const region = w.services.registry.region(HOME);
  const version = region ? w.services.registry.listVersions(region.code).at(-1) : undefined;
  if (!version) throw new Error(`no list for ${HOME}`);
  return readFileSync(new URL(`../../data/${version.path}`, import.meta.url), 'utf8');
}

/** Where an organisation role works when the target names no organisation (a region). */
export const HOME_ORGANISATION: Partial<Record<Role, string>> = {
  doctor: 'P1',
  commission_member: 'H1',
  pharmacist: 'PH1',
};

/** A grant the table allows for the case's target: the first role it lists, in scope. */
export function grantFor(authzCase: AuthzCase): Grant {
  const roles = PERMISSIONS[authzCase.operation].roles;
  const role = Object.keys(roles)[0] as Role;
  const { region, organisation } = authzCase.target;
  if (!ORGANISATION_ROLES.includes(role)) return { role, region, organisation: null };
  return { role, region, organisation: organisation ?? `${region}/${HOME_ORGANISATION[role]}` };
}
