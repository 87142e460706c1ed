/**
 * One list item as a card (catalogue, medicine and diagnosis pages) and its
 * parts: who it is for, on which conditions, the products (saying so where the
 * source names none), and the citation with its source lines.
 */
import type { CatalogItem, CatalogProduct } from '../../domain/catalog.ts';
import type { ItemCitation } from '../../domain/citation.ts';
import type { EntitledProduct } from '../../domain/engine.ts';
import {
  AGE_LABELS,
  CONDITION_LABELS,
  MISSING_NAME,
  REGISTRATION_LABELS,
} from '../../domain/labels.ts';
import type { Indication, Population } from '../../domain/list.ts';
import type { Region } from '../../domain/region.ts';
import { capitalise, diagnosisPath, href, itemPath, medicinePath, tr, type Ui } from '../ui.ts';
import { ItemStatus } from './notices.tsx';
import { Legal } from './text.tsx';
import { unitsText } from '../../domain/units.ts';

export function Codes(props: { ui: Ui; codes: readonly string[]; plain?: boolean }) {
  return (
    <span class="codes">
      {props.plain ? null : (
        <>
          <abbr title={props.ui.m.common.abbr.icd10}>{props.ui.m.common.icd10}</abbr>{' '}
        </>
      )}
      {props.codes.map((code, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={href(props.ui, diagnosisPath(code))}>{code}</a>
        </>
      ))}
    </span>
  );
}

export function PopulationText(props: { ui: Ui; population: Population; wording?: boolean }) {
  const { ui, population } = props;
  return (
    <>
      {tr(ui, AGE_LABELS[population.age])};{' '}
      {tr(ui, REGISTRATION_LABELS[population.dispensaryRegistration])}
      {props.wording && population.text ? (
        <span class="wording-line">
          <Legal ui={ui} text={population.text} />
        </span>
      ) : null}
    </>
  );
}

export function ConditionsText(props: { ui: Ui; indication: Indication; wording?: boolean }) {
  const { ui, indication } = props;
  const labels = indication.conditions.map((c) => tr(ui, CONDITION_LABELS[c]));
  return (
    <>
      {labels.length > 0 ? labels.join('; ') : ui.m.common.none}
      {props.wording && indication.text ? (
        <span class="wording-line">
          <Legal ui={ui} text={indication.text} />
        </span>
      ) : null}
    </>
  );
}

type AnyProduct = (CatalogProduct | EntitledProduct) & { text?: { kk: string } };

export function Product(props: { ui: Ui; product: AnyProduct; detailed?: boolean }) {
  const { ui, product } = props;
  const { m } = ui;
  if (product.innAbsent === 'name_missing' || product.name === null) {
    return (
      <span class="unnamed">
        <strong>{tr(ui, MISSING_NAME)}</strong>
        {product.text ? (
          <>
            {' '}
            — <q lang="kk">{product.text.kk}</q>
          </>
        ) : null}
      </span>
    );
  }
  const name = product.inn ? (
    <a href={href(ui, medicinePath(product.inn))}>{tr(ui, product.name)}</a>
  ) : (
    <span>{tr(ui, product.name)}</span>
  );
  return (
    <span class="product">
      {name}
      {product.form ? <span class="form">, {tr(ui, product.form)}</span> : null}
      {product.inn || product.atc ? (
        <span class="meta">
          {product.inn ? (
            <>
              {' '}
              <abbr title={m.common.abbr.inn}>{m.common.inn}</abbr> {product.inn}
            </>
          ) : null}
          {product.atc ? (
            <>
              {' '}
              <abbr title={m.common.abbr.atc}>{m.common.atc}</abbr> {product.atc}
            </>
          ) : null}
        </span>
      ) : null}
      {props.detailed && product.text && ui.lang !== 'kk' ? (
        <span class="src block" lang="kk">
          {product.text.kk}
        </span>
      ) : null}
    </span>
  );
}

export function Products(props: { ui: Ui; products: readonly AnyProduct[]; detailed?: boolean }) {
  return (
    <ul class="products">
      {props.products.map((p) => (
        <li>
          <Product ui={props.ui} product={p} detailed={props.detailed ?? false} />
        </li>
      ))}
    </ul>
  );
}

export function Citation(props: { ui: Ui; citation: ItemCitation; unlabelled?: boolean }) {
  const { ui, citation } = props;
  const [from, to] = citation.source.lines;
  return (
    <p class="cite">
      {props.unlabelled ? null : <strong>{ui.m.common.basis}: </strong>}
      {tr(ui, citation.text)}.{' '}
      <span class="lines">{ui.m.common.sourceLines(citation.source.file, from, to)}</span>
    </p>
  );
}

/** An item of a catalogue on a date; `data-*` lets the page script filter without a reload. */
export function ItemCard(props: {
  ui: Ui;
  region: Region;
  item: CatalogItem;
  date: string;
  hidden?: boolean;
  headingLevel?: 'h3' | 'h4';
}) {
  const { ui, region, item } = props;
  const key = `${item.sectionNumber}.${item.number}`;
  const Heading = props.headingLevel ?? 'h3';
  const link = href(ui, itemPath(region, item.sectionNumber, item.number), {
    date: props.date === ui.today ? undefined : props.date,
  });
  return (
    <article
      class={`item s-${item.status}`}
      id={`item-${key}`}
      data-key={key}
      hidden={props.hidden ?? false}
    >
      <Heading class="item-title">
        <a href={link}>
          <span class="num">{key}</span>{' '}
          {item.diagnosis
            ? tr(ui, item.diagnosis)
            : capitalise(tr(ui, unitsText(item.citation.units)))}
        </a>
        {item.diagnosis && ui.lang !== 'kk' ? (
          <span class="src block" lang="kk">
            {item.diagnosis.kk}
          </span>
        ) : null}
      </Heading>
      <p class="badges">
        <ItemStatus ui={ui} status={item.status} />{' '}
        {item.diagnosis ? <Codes ui={ui} codes={item.diagnosis.icd10} /> : null}
      </p>
      {item.reason ? <p class="reason">{tr(ui, item.reason)}</p> : null}
      {item.population && item.indication ? (
        <dl class="facts">
          <dt>{ui.m.common.forWhom}</dt>
          <dd>
            <PopulationText ui={ui} population={item.population} />
          </dd>
          <dt>{ui.m.common.conditions}</dt>
          <dd>
            <ConditionsText ui={ui} indication={item.indication} />
          </dd>
          <dt>{ui.m.common.products}</dt>
          <dd>
            <Products ui={ui} products={item.products} />
          </dd>
        </dl>
      ) : (
        <p>{ui.m.common.excludedContent}</p>
      )}
      <Citation ui={ui} citation={item.citation} />
    </article>
  );
}
