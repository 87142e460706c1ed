/**
 * Exactly once under contention, on every OpsStorage: concurrent dispenses of one prescription
 * never hand over more than it holds, and concurrent retries under one key write one dispense.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Dispense } from '../../ops/clinical.ts';
import type { OpsResult } from '../../ops/issues.ts';
import type { DispensingWorld } from './dispensing-world.ts';
import type { RequestContext } from './service.ts';

const ctx: RequestContext = { requestId: 'req-c', purpose: 'dispensing' };
const ATTEMPTS = 50;

export function dispensingConcurrencyContract(w: DispensingWorld): void {
  const all = (inputs: Record<string, unknown>[]): Promise<OpsResult<Dispense>[]> =>
    Promise.all(inputs.map((input) => w.ops.dispensing.dispense(w.actors.pharmacist, input, ctx)));

  it(`lets exactly one of ${ATTEMPTS} concurrent dispenses of the full quantity through`, async () => {
    const p = await w.prescribe({ quantity: 5 });
    const results = await all(
      Array.from({ length: ATTEMPTS }, () => w.dispenseInput(p, { quantity: 5 })),
    );
    const ok = results.filter((r) => r.ok);
    const refused = results.flatMap((r) => (r.ok ? [] : r.issues));
    assert.equal(ok.length, 1);
    assert.equal(refused.length, ATTEMPTS - 1);
    for (const issue of refused) {
      assert.equal(issue.code, 'OPS_CONFLICT');
      assert.match(issue.message, /nothing is left/);
    }
    assert.equal((await w.storage.dispensing.dispenses(p.id)).length, 1);
    const stored = await w.storage.prescription({ id: p.id });
    assert.deepEqual([stored?.dispensed, stored?.status], [5, 'completed']);
  });

  it(`gives ${ATTEMPTS} concurrent retries under one key the same dispense, written once`, async () => {
    const p = await w.prescribe({ quantity: 5 });
    const input = w.dispenseInput(p, { quantity: 2 });
    const results = await all(Array.from({ length: ATTEMPTS }, () => ({ ...input })));
    const ids = new Set(results.map((r) => (r.ok ? r.value.id : `refused: ${r.issues[0]?.code}`)));
    assert.equal(ids.size, 1);
    assert.ok(results.every((r) => r.ok));
    assert.equal((await w.storage.dispensing.dispenses(p.id)).length, 1);
    assert.equal((await w.storage.prescription({ id: p.id }))?.dispensed, 2);
  });

  it(`never hands over more than the prescription holds under ${ATTEMPTS} concurrent partial dispenses`, async () => {
    const p = await w.prescribe({ quantity: 10 });
    const results = await all(
      Array.from({ length: ATTEMPTS }, (_, i) => w.dispenseInput(p, { quantity: (i % 3) + 1 })),
    );
    const given = results.flatMap((r) => (r.ok ? [r.value] : []));
    const sum = given.reduce((s, d) => s + d.quantity, 0);
    assert.ok(sum <= 10, `dispensed ${sum} of 10`);
    assert.ok(results.every((r) => r.ok || r.issues[0]?.code === 'OPS_CONFLICT'));
    const stored = await w.storage.dispensing.dispenses(p.id);
    assert.equal(
      stored.reduce((s, d) => s + d.quantity, 0),
      sum,
    );
    assert.equal((await w.storage.prescription({ id: p.id }))?.dispensed, sum);
    // Each dispense saw what the ones before it left: the remainders step down without a gap.
    let left = 10;
    for (const d of [...stored].sort((a, b) => b.remaining - a.remaining)) {
      left -= d.quantity;
      assert.equal(d.remaining, left);
    }
  });
}
