/**
 * What the importer reads about the act itself (docs/adr/0021-act-identity-and-relations.md):
 * its own identity from its header and registration line, every other act it names as a typed
 * relation, its editorial notes verbatim, the issuing region as of the act's date, and its kind.
 */

/** How an act is written in the text: issuer, date and number exactly as the text gives them. */
export interface ActMention {
  /** The issuer as written ("Павлодар облыстық мәслихатының"), or null when the text names none near the act. */
  issuer: string | null;
  issuerLevel: 'region' | 'district' | 'ministry' | 'government' | null;
  /** The issuer's region, as of `date`, when it is a regional maslikhat. */
  region: RegionReading | null;
  date: string | null;
  dateText: string | null;
  number: string | null;
  /** The act's word as written ("шешімімен", "решением", "бұйрығы"). */
  actWord: string;
  line: number;
}

export const RELATION_TYPES = [
  'amends',
  'repeals',
  'repealedBy',
  'replacesAnnexOf',
  'amendedBy',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface ActRelation extends ActMention {
  type: RelationType;
  /** For `replacesAnnexOf`: the annex replaced; for `amendedBy`: the part the note names. */
  part: string | null;
  /** The sentence the relation was read from, verbatim. */
  source: string;
}

export interface RegionReading {
  /** The current region (ISO 3166-2:KZ) that continues the named maslikhat. */
  code: string;
  /** The name as written in the text. */
  written: string;
  /** The entry of data/region-names.yaml the text's name matched. */
  nameId: string;
  /** Whether the act's date falls in that name's period; null without a date. */
  inPeriod: boolean | null;
}

export interface EditorialNote {
  kind: 'eskertu' | 'snoska' | 'zkai' | 'izpi';
  line: number;
  text: string;
  /** What the note says, read from its words. */
  says: 'repealed' | 'new_edition' | 'amended' | 'excluded' | 'other';
  /** The part it names ("1-тармақ", "Приложение 1", "Заголовок"), or null for the whole act. */
  part: string | null;
}

export const ACT_KINDS = [
  'list',
  'amendment',
  'repeal',
  'other-maslikhat-decision',
  'not-a-maslikhat-act',
] as const;
export type ActKind = (typeof ACT_KINDS)[number];

export interface ActIdentity {
  /** The act itself, from its own header; null when the text does not give it. */
  self: (ActMention & { registration: Registration | null }) | null;
  region: RegionReading | null;
  kind: ActKind;
  /** One sentence saying what the text is and why. */
  kindReason: string;
  relations: ActRelation[];
  notes: EditorialNote[];
}

export interface Registration {
  number: string;
  date: string | null;
  text: string;
}
