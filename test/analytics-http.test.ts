/**
 * The analyses over the API and the staff web, in-process on an OpsWorld (PGlite):
 * - the region's auditor gets each analysis as JSON, as CSV (BOM, header, rows equal to the
 *   JSON's) and as XLSX (a valid ZIP whose sheet holds the same cells); answers are no-store;
 * - a pharmacist and a doctor are refused (403 AUTH_REFUSED), and the refusal is audited;
 * - a wrong query names its field (query.date, query.table);
 * - the what-if of the region's own list changes nothing (gains, losses, packs and cost equal);
 *   without an item, its registered patients lose it; a draft that is no list names `body.draft`;
 * - the staff pages draw a titled SVG chart beside the table, in kk/ru/en, and download CSV.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { readCsv, readZip } from './support/exports-read.ts';
import { HOME, OpsWorld, TODAY, type Staff } from './support/ops-world.ts';
import { StaffClient } from './support/staff-client.ts';
import { childrenNamed, parseXml, type XmlElement } from './support/xml.ts';

let world: OpsWorld;
let auditor: Staff;
let listText: string;
const YEAR = TODAY.slice(0, 4);

const api = (who: Staff, path: string, init: RequestInit = {}) =>
  world.app.request(path, {
    ...init,
    headers: { ...who.bearer, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
const text = async (res: Response) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());

before(async () => {
  world = await OpsWorld.open();
  auditor = await world.staffFor({ role: 'auditor', region: HOME, organisation: null });
  for (let i = 0; i < 6; i++) await world.registeredPatient();
  const region = world.services.registry.region(HOME);
  const version = region ? world.services.registry.listVersions(region.code).at(-1) : undefined;
  assert.ok(version);
  listText = readFileSync(new URL(`../data/${version.path}`, import.meta.url), 'utf8');
});
after(() => world.close());

describe('analytics over the API', () => {
  it('need: JSON, CSV rows equal to the JSON, XLSX with the same cells, no-store', async () => {
    const path = `/api/v1/ops/analytics/need?region=${HOME}&year=${YEAR}`;
    const res = await api(auditor, path);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const json = (await res.json()) as {
      register: { registrations: number };
      morbidity: {
        item: string;
        product: { inn: string | null };
        entitled: { patients: number };
      }[];
    };
    assert.ok(json.register.registrations >= 6);
    const line = json.morbidity.find((l) => l.product.inn === 'eplerenone');
    assert.ok(line, 'the registered item has a line');
    assert.ok(line.entitled.patients >= 6);
    for (const iin of world.iins) assert.ok(!JSON.stringify(json).includes(iin), 'no IIN');

    const csv = await api(auditor, `${path}&format=csv&table=morbidity`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment/);
    const body = await text(csv);
    assert.ok(body.startsWith('\uFEFF'));
    const records = readCsv(body.slice(1));
    const header = records[0] ?? [];
    assert.deepEqual(header.slice(0, 7), [
      'act',
      'item',
      'inn',
      'form',
      'choice',
      'status',
      'patients',
    ]);
    const row = records.find((r) => r[2] === 'eplerenone' && r[5] === 'entitled');
    assert.ok(row, 'the line is a row');
    assert.equal(row[1], line.item);
    assert.equal(Number(row[header.indexOf('patients')]), line.entitled.patients);

    const xlsx = await api(auditor, `${path}&format=xlsx`);
    assert.equal(xlsx.status, 200);
    const files = readZip(new Uint8Array(await xlsx.arrayBuffer()));
    const sheet = parseXml(new TextDecoder().decode(files.get('xl/worksheets/sheet1.xml')));
    const rows = childrenNamed(childrenNamed(sheet, 'sheetData')[0] as XmlElement, 'row');
    assert.equal(rows.length, records.length, 'the sheet has the CSV rows');
    const cells = (r: XmlElement) =>
      childrenNamed(r, 'c').map((c) => {
        const is = childrenNamed(c, 'is')[0];
        return is
          ? ((childrenNamed(is, 't')[0] as XmlElement).text ?? '')
          : (childrenNamed(c, 'v')[0] as XmlElement).text;
      });
    assert.deepEqual(cells(rows[0] as XmlElement), header);
    assert.ok(files.has('xl/worksheets/sheet2.xml'), 'the consumption table too');
  });

  it('impact and gaps: JSON and CSV agree; a wrong field is named', async () => {
    const impact = await api(auditor, `/api/v1/ops/analytics/impact?region=${HOME}&date=${TODAY}`);
    assert.equal(impact.status, 200);
    const i = (await impact.json()) as { patients: number | null; byItem: unknown[] };
    assert.ok('suppression' in i, 'aggregate: small counts suppressed');
    const gaps = await api(
      auditor,
      `/api/v1/ops/analytics/gaps?region=${HOME}&on=${TODAY}&months=2`,
    );
    assert.equal(gaps.status, 200);
    const g = (await gaps.json()) as {
      byOrganisation: { organisation: string | null; entitled: number | null }[];
    };
    const csv = await api(
      auditor,
      `/api/v1/ops/analytics/gaps?region=${HOME}&on=${TODAY}&months=2&format=csv&table=organisation`,
    );
    const records = readCsv((await text(csv)).slice(1));
    assert.deepEqual(records[0], ['organisation', 'entitled', 'gaps', 'overdue_deferrals']);
    assert.equal(records.length, g.byOrganisation.length + 1);
    const first = g.byOrganisation[0];
    assert.ok(first, 'the registered patients are attached to an organisation');
    assert.equal(records[1]?.[0], first.organisation ?? '');
    assert.equal(records[1]?.[1], first.entitled === null ? 'suppressed' : String(first.entitled));

    const bad = await api(auditor, `/api/v1/ops/analytics/impact?region=${HOME}&date=someday`);
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(await bad.json()), /query\.date/);
    const table = await api(
      auditor,
      `/api/v1/ops/analytics/gaps?region=${HOME}&on=${TODAY}&format=csv&table=nope`,
    );
    assert.equal(table.status, 400);
    assert.match(JSON.stringify(await table.json()), /query\.table/);
  });

  it('refuses a pharmacist and a doctor (403), and audits the refusal', async () => {
    for (const who of [await world.pharmacist(), await world.doctor()]) {
      const res = await api(who, `/api/v1/ops/analytics/need?region=${HOME}&year=${YEAR}`);
      assert.equal(res.status, 403);
      assert.match(JSON.stringify(await res.json()), /AUTH_REFUSED/);
      const audit = await world.auditOf(res.headers.get('x-request-id') ?? '');
      assert.ok(audit.some((a) => a.action === 'analytics.aggregate' && a.outcome === 'refused'));
    }
  });

  it('what-if: the list in force changes nothing; an item moved away is lost', async () => {
    const same = await api(auditor, '/api/v1/ops/analytics/whatif', {
      method: 'POST',
      body: JSON.stringify({ region: HOME, date: TODAY, draft: listText }),
    });
    assert.equal(same.status, 200, await same.clone().text());
    const s = (await same.json()) as {
      byItem: unknown[];
      lostAll: number;
      budget: { law: unknown; draft: unknown };
    };
    assert.deepEqual(s.byItem, []);
    assert.deepEqual(s.budget.law, s.budget.draft);

    // The heart-failure item moved to a code nobody is registered for: its patients lose it.
    const doc = parse(listText) as { sections: { items: Record<string, unknown>[] }[] };
    const item = doc.sections
      .flatMap((x) => x.items)
      .find((it) => JSON.stringify(it.products ?? []).includes('"eplerenone"'));
    assert.ok(item);
    item.diagnosis = {
      text: (item.diagnosis as { text: unknown }).text,
      icd10: ['Z99'],
      mapping: { confidence: 'high' },
      scope: [{ code: 'Z99', relation: 'broader', title: 'test', rationale: 'nobody has it' }],
    };
    const without = await api(auditor, '/api/v1/ops/analytics/whatif?format=csv&table=diagnosis', {
      method: 'POST',
      body: JSON.stringify({
        region: HOME,
        date: TODAY,
        draft: stringify(doc),
        name: 'without.yaml',
      }),
    });
    assert.equal(without.status, 200, await without.clone().text());
    const records = readCsv((await text(without)).slice(1));
    const heart = records.find((r) => r[0] === 'I50.0');
    assert.ok(heart, 'the registered diagnosis is a row');
    assert.ok(Number(heart[2]) >= 6, `the registered patients lose the item: ${heart.join(',')}`);

    const junk = await api(auditor, '/api/v1/ops/analytics/whatif', {
      method: 'POST',
      body: JSON.stringify({ region: HOME, date: TODAY, draft: 'kind: region\n' }),
    });
    assert.equal(junk.status, 400);
    assert.match(JSON.stringify(await junk.json()), /body\.draft/);
  });
});

describe('the staff Analytics pages', () => {
  it('draw a titled SVG chart beside the table in kk, ru and en; CSV download; doctors refused', async () => {
    // Signed in as a browser is: the sign-in form's cookie and CSRF token first.
    const signIn = async (who: Staff) => {
      const client = new StaffClient(world.app);
      await client.signIn('en', who.username, who.password);
      return client.cookie ?? '';
    };
    const cookie = await signIn(auditor);
    for (const lang of ['kk', 'ru', 'en']) {
      const res = await world.app.request(`/${lang}/staff/analytics/${HOME}/need?year=${YEAR}`, {
        headers: { cookie },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const html = await res.text();
      assert.match(html, new RegExp(`<html lang="${lang}">`));
      assert.match(
        html,
        /<svg class="chart" role="img" aria-labelledby="need-morbidity-h-chart-title"/,
      );
      assert.match(html, /<title id="need-morbidity-h-chart-title">[^<]+<\/title>/);
      assert.match(html, /<desc id="need-morbidity-h-chart-desc">[^<]+<\/desc>/);
      assert.match(html, /<table>/);
      assert.match(html, /format=xlsx/);
    }
    const csv = await world.app.request(
      `/en/staff/analytics/${HOME}/need?year=${YEAR}&format=csv&table=consumption`,
      { headers: { cookie } },
    );
    assert.equal(csv.status, 200);
    assert.equal(readCsv((await text(csv)).slice(1))[0]?.[0], 'item');
    const doctor = await signIn(await world.doctor());
    const refused = await world.app.request(`/en/staff/analytics/${HOME}/impact`, {
      headers: { cookie: doctor },
    });
    assert.equal(refused.status, 403);
  });
});
