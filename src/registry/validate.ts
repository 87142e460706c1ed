/**
 * Cross-file checks the schemas cannot make: citations resolve, ids match
 * their parts, files sit where their content says, item numbering has no
 * unexplained gaps, products carry an INN or a reason, codes agree with the
 * vocabulary, and cited source lines hold what the record says.
 */
import { actFileStem, actIdOf, type ActId } from '../domain/act.ts';
import { effectiveDateOf } from '../domain/effective.ts';
import type { RegionsFile } from '../domain/files.ts';
import type { Diagnosis } from '../domain/list.ts';
import type { DataIssue, IssueCode, PathSegment } from '../domain/issues.ts';
import type { Registry, ListVersion, LoadedAct } from './registry.ts';

type Report = (code: IssueCode, path: PathSegment[], message: string) => void;

/**
 * A diagnosis' scope gives every code of `icd10` (as exact, part or broader) and every
 * alternative (as alternative) exactly once, and nothing else (docs/adr/0004).
 */
export function checkScope(diagnosis: Diagnosis, at: PathSegment[], report: Report): void {
  const { scope } = diagnosis;
  if (!scope) {
    report('DATA_SCOPE', [...at, 'scope'], 'no scope: give each code its relation to the words');
    return;
  }
  const expected = new Map<string, 'listed' | 'alternative'>();
  for (const code of diagnosis.icd10) expected.set(code, 'listed');
  for (const code of diagnosis.mapping.alternatives ?? []) expected.set(code, 'alternative');
  const seen = new Set<string>();
  scope.forEach((entry, index) => {
    const path = [...at, 'scope', index, 'code'];
    const kind = expected.get(entry.code);
    if (seen.has(entry.code)) report('DATA_SCOPE', path, `${entry.code} appears twice`);
    else if (!kind) {
      report('DATA_SCOPE', path, `${entry.code} is neither in icd10 nor among the alternatives`);
    } else if ((kind === 'alternative') !== (entry.relation === 'alternative')) {
      report(
        'DATA_SCOPE',
        [...at, 'scope', index, 'relation'],
        kind === 'alternative'
          ? `${entry.code} is an alternative: its relation is "alternative"`
          : `${entry.code} is in icd10: "alternative" belongs to mapping.alternatives`,
      );
    }
    seen.add(entry.code);
  });
  for (const code of expected.keys()) {
    if (!seen.has(code)) report('DATA_SCOPE', [...at, 'scope'], `${code} has no scope entry`);
  }
}

export function validateRegistry(
  registry: Registry,
  regionsFiles: readonly { path: string; file: RegionsFile }[],
): DataIssue[] {
  const issues: DataIssue[] = [];
  const reporter =
    (file: string, lineOf: (p: PathSegment[]) => number | undefined): Report =>
    (code, path, message) => {
      const line = lineOf(path);
      issues.push({ code, file, path, ...(line === undefined ? {} : { line }), message });
    };

  if (regionsFiles.length !== 1) {
    issues.push({
      code: 'DATA_DUPLICATE',
      file: regionsFiles[1]?.path ?? 'regions.yaml',
      path: [],
      message: `expected exactly one regions file, found ${regionsFiles.length}`,
    });
  }
  for (const { path, file } of regionsFiles)
    checkRegions(
      file,
      reporter(path, () => undefined),
    );
  for (const loaded of registry.acts.values()) {
    checkAct(registry, loaded, reporter(loaded.path, loaded.lineOf));
  }
  for (const version of registry.versions) {
    checkList(registry, version, reporter(version.path, version.lineOf));
  }
  return issues;
}

function checkRegions(file: RegionsFile, report: Report): void {
  const seen = new Set<string>();
  file.regions.forEach((region, index) => {
    for (const key of [region.code, region.slug]) {
      if (seen.has(key)) report('DATA_DUPLICATE', ['regions', index], `"${key}" is used twice`);
      seen.add(key);
    }
    if (region.code.slice(3) !== region.kato.slice(0, 2)) {
      report(
        'DATA_ID_MISMATCH',
        ['regions', index, 'code'],
        `${region.code} does not match KATO ${region.kato}`,
      );
    }
  });
}

function checkActRef(registry: Registry, id: ActId, path: PathSegment[], report: Report): boolean {
  if (registry.act(id)) return true;
  report('CITE_UNKNOWN_ACT', path, `no data file defines act ${id}`);
  return false;
}

function checkNoteRef(
  registry: Registry,
  act: ActId,
  note: string,
  path: PathSegment[],
  report: Report,
): void {
  const target = registry.act(act);
  if (target && !target.notes.some((n) => n.id === note)) {
    report('CITE_UNKNOWN_NOTE', path, `act ${act} records no note "${note}"`);
  }
}

function checkAct(registry: Registry, { path, act }: LoadedAct, report: Report): void {
  const derived = actIdOf(act);
  if (act.id !== derived) report('DATA_ID_MISMATCH', ['id'], `id should be ${derived}`);
  const expectedPath = `${act.issuer.region}/acts/${actFileStem(act.adopted, act.number)}.yaml`;
  if (path !== expectedPath)
    report('DATA_FILE_PLACE', [], `an act file for ${act.id} belongs at ${expectedPath}`);
  if (!registry.region(act.issuer.region)) {
    report('CITE_UNKNOWN_REGION', ['issuer', 'region'], `unknown region ${act.issuer.region}`);
  }
  if (act.registration?.date && act.registration.date < act.adopted) {
    report('DATA_DATES', ['registration', 'date'], 'registered before it was adopted');
  }
  act.publications.forEach((p, i) => {
    if (p.date < act.adopted)
      report('DATA_DATES', ['publications', i, 'date'], 'published before it was adopted');
  });
  const entry = act.entryIntoForce;
  if (entry) {
    if (
      checkActRef(registry, entry.source.act, ['entryIntoForce', 'source', 'act'], report) &&
      entry.source.note
    ) {
      checkNoteRef(
        registry,
        entry.source.act,
        entry.source.note,
        ['entryIntoForce', 'source', 'note'],
        report,
      );
    }
    if (entry.statedDate) {
      const src = entry.statedDate.source;
      const p = ['entryIntoForce', 'statedDate', 'source'];
      if (checkActRef(registry, src.act, [...p, 'act'], report) && src.note) {
        checkNoteRef(registry, src.act, src.note, [...p, 'note'], report);
      }
      if (entry.statedDate.date < act.adopted) {
        report(
          'DATA_DATES',
          ['entryIntoForce', 'statedDate', 'date'],
          'in force before it was adopted',
        );
      }
    }
  }
  const effective = effectiveDateOf(act);
  if (
    effective.kind === 'window' &&
    effective.latest !== null &&
    effective.latest < effective.earliest
  ) {
    report(
      'DATA_DATES',
      ['inForceBy'],
      `in force by ${effective.latest}, but its rule allows ${effective.earliest} at the earliest`,
    );
  }
  if (act.status.kind === 'repealed')
    checkActRef(registry, act.status.by, ['status', 'by'], report);
  const noteIds = new Set<string>();
  act.notes.forEach((note, i) => {
    if (noteIds.has(note.id))
      report('DATA_DUPLICATE', ['notes', i, 'id'], `note id "${note.id}" is used twice`);
    noteIds.add(note.id);
    if (act.source)
      checkLines(registry, act.source.file, note.lines, ['notes', i, 'lines'], report);
  });
  act.amendments.forEach((amendment, i) => {
    checkActRef(registry, amendment.by, ['amendments', i, 'by'], report);
    if (!noteIds.has(amendment.note)) {
      report(
        'CITE_UNKNOWN_NOTE',
        ['amendments', i, 'note'],
        `this act records no note "${amendment.note}"`,
      );
    }
  });
  if (act.source && !registry.sources.has(act.source.file)) {
    report('DATA_SOURCE_MISSING', ['source', 'file'], `no source text at ${act.source.file}`);
  }
  act.annexes.forEach((annex, i) => {
    if (act.source)
      checkLines(registry, act.source.file, annex.lines, ['annexes', i, 'lines'], report);
  });
}

function checkLines(
  registry: Registry,
  file: string,
  lines: readonly [number, number],
  path: PathSegment[],
  report: Report,
): readonly string[] | undefined {
  const source = registry.sources.get(file);
  if (!source) return undefined;
  if (lines[0] > lines[1] || lines[1] > source.length) {
    report(
      'CITE_LINE_MISMATCH',
      path,
      `lines ${lines[0]}–${lines[1]} are not a range within ${file} (${source.length} lines)`,
    );
    return undefined;
  }
  return source;
}

function checkList(registry: Registry, version: ListVersion, report: Report): void {
  const { list, path } = version;
  if (!registry.region(list.region))
    report('CITE_UNKNOWN_REGION', ['region'], `unknown region ${list.region}`);
  const actKnown = checkActRef(registry, list.act, ['act'], report);
  checkActRef(registry, list.edition, ['edition'], report);
  list.amendedBy.forEach((id, i) => checkActRef(registry, id, ['amendedBy', i], report));
  const act = registry.act(list.act);
  if (actKnown && act) {
    // One file per consolidated text: `<adopted>.<number>.annex-<n>[.<state>].yaml`.
    const expectedPath = `${act.issuer.region}/lists/${actFileStem(act.adopted, act.number)}.annex-${list.annex}`;
    const place = path.startsWith(expectedPath) ? path.slice(expectedPath.length) : null;
    if (place === null || !/^(?:\.[a-z0-9-]+)?\.yaml$/.test(place)) {
      report('DATA_FILE_PLACE', [], `this list belongs at ${expectedPath}[.<state>].yaml`);
    }
    if (act.issuer.region !== list.region) {
      report('DATA_ID_MISMATCH', ['region'], `act ${list.act} is issued for ${act.issuer.region}`);
    }
    if (!act.annexes.some((a) => a.number === list.annex && a.kind === 'list')) {
      report('CITE_UNKNOWN_ACT', ['annex'], `act ${list.act} records no list annex ${list.annex}`);
    }
  }
  if (!list.beneficiaries) {
    report(
      'DATA_BENEFICIARIES_MISSING',
      ['beneficiaries'],
      'say whom the list serves, quoting its title (beneficiaries)',
    );
  }
  if (!registry.sources.has(list.source.file)) {
    report('DATA_SOURCE_MISSING', ['source', 'file'], `no source text at ${list.source.file}`);
  }
  const contributing = new Set<string>([list.edition, ...list.amendedBy]);
  const sectionNumbers = new Set<string>();
  list.sections.forEach((section, s) => {
    if (sectionNumbers.has(section.number)) {
      report(
        'DATA_DUPLICATE',
        ['sections', s, 'number'],
        `section ${section.number} appears twice`,
      );
    }
    sectionNumbers.add(section.number);
    checkLines(registry, list.source.file, section.lines, ['sections', s, 'lines'], report);
    const seen = new Set<string>();
    section.items.forEach((item, i) => {
      const at: PathSegment[] = ['sections', s, 'items', i];
      if (seen.has(item.number))
        report('DATA_DUPLICATE', [...at, 'number'], `item ${item.number} appears twice`);
      seen.add(item.number);
      const expected = String(i + 1);
      if (item.number !== expected && !seen.has(expected)) {
        report(
          'DATA_ITEM_GAP',
          [...at, 'number'],
          `expected item ${expected} here, found ${item.number}`,
        );
      }
      const source = checkLines(registry, list.source.file, item.lines, [...at, 'lines'], report);
      const firstLine = source?.[item.lines[0] - 1];
      if (
        firstLine !== undefined &&
        !item.numberAssigned &&
        !new RegExp(`^\\s*${item.number}(?:\\)|\\s|$)`).test(firstLine)
      ) {
        report(
          'CITE_LINE_MISMATCH',
          [...at, 'lines'],
          `source line ${item.lines[0]} does not start with item number ${item.number}`,
        );
      }
      if (item.status === 'excluded') {
        checkActRef(registry, item.excludedBy, [...at, 'excludedBy'], report);
        if (!contributing.has(item.excludedBy)) {
          report(
            'DATA_EXCLUSION_UNRECORDED',
            [...at, 'excludedBy'],
            `${item.excludedBy} is not the edition or an amending act of this list`,
          );
        }
        const recorded = act?.amendments.some(
          (a) =>
            a.change === 'excluded' &&
            a.by === item.excludedBy &&
            a.note === item.note &&
            a.part.kind === 'item' &&
            a.part.annex === list.annex &&
            a.part.section === section.number &&
            a.part.item === item.number,
        );
        if (act && !recorded) {
          report(
            'DATA_EXCLUSION_UNRECORDED',
            [...at, 'note'],
            `act ${list.act} records no exclusion of item ${section.number}.${item.number} by ${item.excludedBy} in note "${item.note}"`,
          );
        }
        return;
      }
      const codes = [...item.diagnosis.icd10, ...(item.diagnosis.mapping.alternatives ?? [])];
      if (new Set(codes).size !== codes.length) {
        report(
          'DATA_ICD10_DUPLICATE',
          [...at, 'diagnosis', 'icd10'],
          'a code appears twice among codes and alternatives',
        );
      }
      checkScope(item.diagnosis, [...at, 'diagnosis'], report);
      item.products.forEach((product, p) => {
        const pp: PathSegment[] = [...at, 'products', p];
        if (product.inn === null && product.innAbsent === undefined) {
          report('DATA_INN_MISSING', [...pp, 'inn'], 'no INN: give one, or say why with innAbsent');
        }
        if (product.inn !== null && product.innAbsent !== undefined) {
          report(
            'DATA_INN_UNEXPECTED',
            [...pp, 'innAbsent'],
            'has an INN and a reason for having none',
          );
        }
        if (product.kind !== 'medicine' && product.inn !== null) {
          report('DATA_INN_UNEXPECTED', [...pp, 'inn'], `a ${product.kind} product has no INN`);
        }
        if (product.innAbsent === 'name_missing' && product.name !== null) {
          report(
            'DATA_INN_UNEXPECTED',
            [...pp, 'name'],
            'a product whose name is missing has name: null',
          );
        }
        if (product.inn !== null) {
          const medicine = registry.medicines.get(product.inn);
          if (!medicine) {
            report(
              'DATA_INN_UNKNOWN',
              [...pp, 'inn'],
              `"${product.inn}" is not in data/vocabulary/medicines.yaml`,
            );
          } else if (product.atc !== null && !medicine.atc.includes(product.atc)) {
            report(
              'DATA_ATC_MISMATCH',
              [...pp, 'atc'],
              `${product.atc} is not among ${medicine.atc.join(', ')} for ${product.inn}`,
            );
          }
        }
      });
    });
  });
}
