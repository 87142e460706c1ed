/**
 * Conversion between the units doses and priced contents are measured in: mass (mcg, mg, g)
 * and units of activity (U, thousand U, million U). Nothing converts across the two.
 */
import type { DoseUnit, Quantity } from '../domain/reference.ts';

const SCALE: Record<DoseUnit, { dimension: 'mass' | 'activity'; factor: number }> = {
  mcg: { dimension: 'mass', factor: 0.001 },
  mg: { dimension: 'mass', factor: 1 },
  g: { dimension: 'mass', factor: 1000 },
  U: { dimension: 'activity', factor: 1 },
  TU: { dimension: 'activity', factor: 1000 },
  MU: { dimension: 'activity', factor: 1_000_000 },
};

/** `q` in `unit`, or null where the two measure different things. */
export function convert(q: Quantity, unit: DoseUnit): number | null {
  const from = SCALE[q.unit];
  const to = SCALE[unit];
  if (from.dimension !== to.dimension) return null;
  return (q.amount * from.factor) / to.factor;
}
