/**
 * One benchmark result: `BENCH <name> <value> <unit> ratio=<x> vs <baseline>`, then `(<note>)`
 * when one is given (how it was measured: clients, connections, statements a unit).
 */
export function line(
  name: string,
  value: number,
  unit: string,
  ratio: number,
  baseline: string,
  note?: string,
) {
  console.log(
    `BENCH ${name} ${value.toFixed(2)} ${unit} ratio=${ratio >= 100 ? ratio.toFixed(0) : ratio.toPrecision(3)} vs ${baseline}${note ? ` (${note})` : ''}`,
  );
}
