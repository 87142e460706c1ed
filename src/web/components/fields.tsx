/** Form fields with their labels, hints and error messages wired for assistive technology. */
import type { Region } from '../../domain/region.ts';
import { tr, type Ui } from '../ui.ts';

export function FieldError(props: { id: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="field-error" id={`${props.id}-error`}>
      {props.message}
    </p>
  );
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function DateField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  required?: boolean;
}) {
  const error = props.error;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      <FieldError id={props.id} message={error} />
      <input
        id={props.id}
        name={props.name}
        type="date"
        value={props.value}
        min="1900-01-01"
        max="2100-12-31"
        required={props.required ?? false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, false, Boolean(error))}
      />
    </div>
  );
}

export function RegionSelect(props: {
  ui: Ui;
  id: string;
  name: string;
  label: string;
  regions: readonly Region[];
  selected: string | undefined;
  placeholder?: string;
  error?: string | undefined;
}) {
  const { ui, error } = props;
  const selected = props.selected?.toLowerCase();
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      <FieldError id={props.id} message={error} />
      <select
        id={props.id}
        name={props.name}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, false, Boolean(error))}
      >
        {props.placeholder ? (
          <option value="" selected={!selected}>
            {props.placeholder}
          </option>
        ) : null}
        {props.regions.map((r) => (
          <option
            value={r.code}
            selected={selected === r.code.toLowerCase() || selected === r.slug}
          >
            {tr(ui, r.name)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled select; with `error`, the message above it and the field marked invalid. */
export function Select(props: {
  id: string;
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  selected: string | null;
  error?: string | undefined;
}) {
  const { error } = props;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      <FieldError id={props.id} message={error} />
      <select
        id={props.id}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, false, Boolean(error))}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={(props.selected ?? '') === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export { describedBy };
