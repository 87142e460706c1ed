/** The one reader of a patient with their attachments, for the operations storage and an issue's context. */
import type { Attachment, Patient } from '../../ops/model.ts';
import { day, dayOrNull } from './rows.ts';

/** The patient `p` (an `ops_patients` row) with their attachments, oldest first. */
export const PATIENT_SELECT = `SELECT p.id, p.iin, p.family_name, p.given_name, p.patronymic,
  p.birth_date::text AS birth_date, p.sex, p.citizenship,
  COALESCE((SELECT json_agg(json_build_object('organisation', a.organisation,
      'from', a.from_date::text, 'to', a.to_date::text) ORDER BY a.from_date)
    FROM ops_attachments a WHERE a.patient_id = p.id), '[]'::json) AS attachments
  FROM ops_patients p`;

export interface PatientRow extends Record<string, unknown> {
  id: string;
  iin: string;
  family_name: string;
  given_name: string;
  patronymic: string | null;
  birth_date: unknown;
  sex: Patient['sex'];
  citizenship: string;
  attachments: { organisation: string; from: string; to: string | null }[];
}

export const toPatient = (row: PatientRow): Patient => ({
  id: row.id,
  iin: row.iin,
  familyName: row.family_name,
  givenName: row.given_name,
  patronymic: row.patronymic,
  birthDate: day(row.birth_date),
  sex: row.sex,
  citizenship: row.citizenship,
  attachments: row.attachments.map((a): Attachment => ({
    organisation: a.organisation,
    from: day(a.from),
    to: dayOrNull(a.to),
  })),
});
