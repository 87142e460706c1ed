/**
 * Patient from the operations model (docs/adr/0014-fhir-operations.md). The only resource
 * that carries the IIN: as its identifier. Everything else refers to the patient by the
 * internal id, which is this resource's id.
 */
import { addDays, compareDates } from '../../domain/date.ts';
import type { Attachment, Patient as OpsPatient } from '../../ops/model.ts';
import { IDENTIFIER_SYSTEM } from '../extensions.ts';
import { OPS_EXT, OPS_SYSTEM, organizationReference } from './systems.ts';
import type { Extension, Patient } from './types.ts';

/** ISO 3166-1 has no code for "no citizenship"; the model writes `XX`. */
const STATELESS = 'XX';

export function patientOf(patient: OpsPatient): Patient {
  const current = patient.attachments.find((a) => a.to === null);
  return {
    resourceType: 'Patient',
    id: patient.id,
    identifier: [
      {
        use: 'official',
        type: { coding: [{ system: OPS_SYSTEM.v2IdentifierType, code: 'NI' }] },
        system: IDENTIFIER_SYSTEM.iin,
        value: patient.iin,
      },
    ],
    name: [
      {
        use: 'official',
        family: patient.familyName,
        given: [patient.givenName, ...(patient.patronymic === null ? [] : [patient.patronymic])],
        // The patronymic is the second given name (as it is said: given, then patronymic);
        // the marker says so, for a client that must tell it from a second first name.
        ...(patient.patronymic === null
          ? {}
          : { _given: [null, { extension: [{ url: OPS_EXT.patronymic, valueBoolean: true }] }] }),
      },
    ],
    gender: patient.sex,
    birthDate: patient.birthDate,
    ...(current ? { generalPractitioner: [organizationReference(current.organisation)] } : {}),
    extension: [
      citizenshipExtension(patient.citizenship),
      ...patient.attachments.flatMap((a) => attachmentExtension(a)),
    ],
  };
}

/** The HL7 `patient-citizenship` extension: ISO 3166-1 alpha-2, or only a text when stateless. */
function citizenshipExtension(country: string): Extension {
  const code =
    country === STATELESS
      ? { text: 'stateless' }
      : { coding: [{ system: OPS_SYSTEM.iso3166, code: country }] };
  return {
    url: OPS_SYSTEM.patientCitizenship,
    extension: [{ url: 'code', valueCodeableConcept: code }],
  };
}

/**
 * One attachment period. The model's `to` is exclusive (the day the next period starts);
 * FHIR's `Period.end` includes its day, so it is `to` minus one day. A period that started and
 * ended on the same day held no day at all and is left out.
 */
function attachmentExtension(attachment: Attachment): Extension[] {
  const end = attachment.to === null ? null : addDays(attachment.to, -1);
  if (end !== null && compareDates(end, attachment.from) < 0) return [];
  return [
    {
      url: OPS_EXT.attachment,
      extension: [
        { url: 'organization', valueReference: organizationReference(attachment.organisation) },
        {
          url: 'period',
          valuePeriod: { start: attachment.from, ...(end === null ? {} : { end }) },
        },
      ],
    },
  ];
}
