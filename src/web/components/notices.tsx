/** Coverage of a date, warnings, and status badges: the honest parts of every answer. */
import { describeEffective, type Catalog, type CatalogItemStatus } from '../../domain/catalog.ts';
import type { EntitlementStatus } from '../../domain/engine.ts';
import { STATUS_LABELS } from '../../domain/labels.ts';
import type { LocalizedText } from '../../domain/text.ts';
import { tr, type Ui } from '../ui.ts';

export function CoverageNotice(props: { ui: Ui; coverage: Catalog['coverage'] }) {
  const { ui, coverage } = props;
  const title = ui.m.common.coverage[coverage.status];
  if (coverage.status === 'covered') {
    return (
      <p class="notice ok" data-coverage={coverage.status}>
        <strong>{title}.</strong> {ui.m.common.inForce}:{' '}
        {tr(ui, describeEffective(coverage.inForceFrom))}
      </p>
    );
  }
  return (
    <div
      class={`notice ${coverage.status === 'uncertain' ? 'warn' : 'bad'}`}
      data-coverage={coverage.status}
    >
      <p>
        <strong>{title}.</strong>
      </p>
      <p>{tr(ui, coverage.reason)}</p>
    </div>
  );
}

export function Warnings(props: { ui: Ui; warnings: readonly LocalizedText[] }) {
  if (props.warnings.length === 0) return null;
  return (
    <div class="notice info">
      <p>
        <strong>{props.ui.m.common.warnings}:</strong>
      </p>
      <ul>
        {props.warnings.map((w) => (
          <li>{tr(props.ui, w)}</li>
        ))}
      </ul>
    </div>
  );
}

export function ItemStatus(props: { ui: Ui; status: CatalogItemStatus }) {
  return <span class={`badge s-${props.status}`}>{tr(props.ui, STATUS_LABELS[props.status])}</span>;
}

export function EntitlementBadge(props: { ui: Ui; status: EntitlementStatus }) {
  return (
    <span class={`badge e-${props.status}`}>{props.ui.m.check.statusTitle[props.status]}</span>
  );
}
