/**
 * `/{lang}/check`: "Am I entitled?" — a plain form (POST, so diagnoses and
 * birth dates stay out of addresses and history; a GET query works too) and
 * the engine's answer (./check-answer.tsx).
 */
import type { Region } from '../../domain/region.ts';
import { CITIZENSHIPS } from '../../domain/patient.ts';
import { DateField, FieldError, RegionSelect, Select, describedBy } from '../components/fields.tsx';
import type { CheckField, CheckForm, CheckOutcome, FieldError as Problem } from '../check-form.ts';
import { Layout } from '../layout.tsx';
import { href, tr, type Ui } from '../ui.ts';
import { Answer } from './check-answer.tsx';

const FIELD_IDS: Record<string, string> = {
  region: 'ck-region',
  date: 'ck-date',
  birthDate: 'ck-birth',
  age: 'ck-age',
};
const fieldId = (field: CheckField) => FIELD_IDS[field] ?? `ck-${field}`;

export function CheckPage(props: {
  ui: Ui;
  regions: readonly Region[];
  form: CheckForm;
  outcome: CheckOutcome;
}) {
  const { ui, outcome } = props;
  const { m } = ui;
  const errors = outcome.kind === 'errors' ? outcome.errors : [];
  return (
    <Layout
      ui={ui}
      title={errors.length > 0 ? `${m.check.errorsTitle}: ${m.check.title}` : m.check.title}
      crumbs={[{ label: m.nav.home, href: href(ui, '/') }, { label: m.nav.check }]}
    >
      <h1>{m.check.title}</h1>
      {outcome.kind === 'answer' ? (
        <Answer ui={ui} regions={props.regions} outcome={outcome} />
      ) : (
        <p class="lead">{m.check.intro}</p>
      )}
      {errors.length > 0 ? <ErrorSummary ui={ui} errors={errors} /> : null}
      <CheckFormView ui={ui} regions={props.regions} form={props.form} errors={errors} />
    </Layout>
  );
}

function ErrorSummary(props: { ui: Ui; errors: readonly Problem[] }) {
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="errors">
      <h2>{props.ui.m.check.errorsTitle}</h2>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${fieldId(e.field)}`}>{e.message}</a>
            {e.options ? (
              <ul>
                {e.options.map((o) => (
                  <li>
                    <code>{o.code}</code> — {o.label}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CheckFormView(props: {
  ui: Ui;
  regions: readonly Region[];
  form: CheckForm;
  errors: readonly Problem[];
}) {
  const { ui, form } = props;
  const { m } = ui;
  const errorOf = (field: CheckField) => props.errors.find((e) => e.field === field)?.message;
  return (
    <form class="check" method="post" action={href(ui, '/check')} id="form">
      <input type="hidden" name="go" value="1" />
      <fieldset>
        <legend>{m.check.where}</legend>
        <RegionSelect
          ui={ui}
          id={fieldId('region')}
          name="region"
          label={m.check.region}
          regions={props.regions}
          selected={form.region}
          placeholder={m.check.chooseRegion}
          error={errorOf('region')}
        />
        <DateField
          id={fieldId('date')}
          name="date"
          label={m.check.date}
          value={form.date}
          error={errorOf('date')}
          required
        />
      </fieldset>
      <fieldset>
        <legend>{m.check.person}</legend>
        <DateField
          id={fieldId('birthDate')}
          name="birthDate"
          label={m.check.birthDate}
          value={form.birthDate}
          error={errorOf('birthDate')}
        />
        <div class={`field${errorOf('age') ? ' invalid' : ''}`}>
          <label for={fieldId('age')}>{m.check.age}</label>
          <FieldError id={fieldId('age')} message={errorOf('age')} />
          <input
            id={fieldId('age')}
            name="age"
            type="number"
            inputmode="numeric"
            min={0}
            max={130}
            step={1}
            value={form.age}
            class="short"
            aria-invalid={errorOf('age') ? 'true' : undefined}
            aria-describedby={describedBy(fieldId('age'), false, Boolean(errorOf('age')))}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{m.check.diagnoses}</legend>
        <p class="hint" id="dx-hint">
          {m.check.diagnosisHint}
        </p>
        {form.dx.map((value, i) => {
          const field: CheckField = `dx-${i + 1}`;
          const id = fieldId(field);
          const error = errorOf(field);
          return (
            <div class={`field${error ? ' invalid' : ''}`}>
              <label for={id}>{m.check.diagnosis(i + 1)}</label>
              <FieldError id={id} message={error} />
              <input
                id={id}
                name="dx"
                type="text"
                value={value}
                autocomplete="off"
                spellcheck={false}
                maxlength={200}
                required={i === 0}
                data-suggest={href(ui, '/suggest')}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={['dx-hint', error ? `${id}-error` : null]
                  .filter(Boolean)
                  .join(' ')}
              />
            </div>
          );
        })}
      </fieldset>
      <fieldset>
        <legend>{m.check.circumstances}</legend>
        <CheckRow name="registered" checked={form.registered} label={m.check.registered} />
        <CheckRow name="commission" checked={form.commission} label={m.check.commission} />
        <CheckRow name="verified" checked={form.verified} label={m.check.verified} />
        <CheckRow name="confirmed" checked={form.confirmed} label={m.check.confirmed} />
        <Select
          id="ck-citizenship"
          name="citizenship"
          label={m.check.citizenship}
          selected={form.citizenship}
          options={CITIZENSHIPS.map((c) => ({ value: c, label: m.check.citizenshipOptions[c] }))}
        />
        <Select
          id={fieldId('servedIn')}
          name="servedIn"
          label={m.check.servedIn}
          selected={form.servedIn}
          error={errorOf('servedIn')}
          options={[
            { value: '', label: m.check.servedInSame },
            { value: 'unknown', label: m.check.servedInUnknown },
            ...props.regions.map((r) => ({ value: r.code, label: tr(ui, r.name) })),
          ]}
        />
      </fieldset>
      <p>
        <button type="submit" class="primary">
          {m.check.submit}
        </button>
      </p>
    </form>
  );
}

/** One labelled checkbox of the checker's circumstances. */
function CheckRow(props: { name: string; checked: boolean; label: string }) {
  return (
    <div class="check-row">
      <input
        id={`ck-${props.name}`}
        name={props.name}
        type="checkbox"
        value="1"
        checked={props.checked}
      />
      <label for={`ck-${props.name}`}>{props.label}</label>
    </div>
  );
}
