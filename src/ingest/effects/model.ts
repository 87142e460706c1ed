/**
 * Effects of an amending or repealing act on the acts and lists it names:
 * what it replaces, adds, excludes or repeals, where, and from when. An effect
 * is read from the act's own words; where the text stops before saying what it
 * announces, the effect says what is missing instead of guessing.
 */
import type { ParsedItem } from '../model.ts';

export const EFFECT_KINDS = [
  'annex_replaced',
  'item_replaced',
  'item_added',
  'item_excluded',
  'title_replaced',
  'point_replaced',
  'preamble_replaced',
  'act_amended',
  'act_repealed',
] as const;
export type EffectKind = (typeof EFFECT_KINDS)[number];

/** The act an effect falls on, as the amending text writes it. */
export interface TargetAct {
  text: string;
  issuer: string | null;
  date: string | null;
  number: string | null;
  registration: string | null;
}

export type EffectPart =
  | { kind: 'act' }
  | { kind: 'title' }
  | { kind: 'preamble' }
  | { kind: 'point'; point: string }
  | { kind: 'annex'; annex: string }
  | { kind: 'item'; annex: string | null; section: string | null; item: string };

export interface Effect {
  kind: EffectKind;
  /** The amending act's point that states the effect. */
  point: string;
  line: number;
  target: TargetAct;
  part: EffectPart;
  /** The new wording as written (title, point, preamble, row), when the text holds it. */
  wording: string | null;
  /** Rows read from the new wording (added or replaced rows). */
  items: ParsedItem[];
  /** The number of this act's own annex that holds a new edition ("осы шешімге қосымшаға сәйкес"). */
  newAnnex: string | null;
  /** What the text announces but does not hold. */
  missing: string | null;
}

export interface EffectsReading {
  effects: Effect[];
}
