import { benchHttp } from './http.ts';
await benchHttp((name, value, unit, ratio, baseline) =>
  console.log(
    `BENCH ${name} ${value.toFixed(2)} ${unit} ratio=${ratio.toPrecision(3)} vs ${baseline}`,
  ),
);
