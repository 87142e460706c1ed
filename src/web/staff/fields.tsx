/** The staff forms' fields: a label for each, a hint tied by `aria-describedby`, the CSRF token. */
import type { StaffPageContext, Who } from './context.ts';

export function Csrf(props: { who: Who }) {
  return <input type="hidden" name="csrf" value={props.who.csrf} />;
}

export function Field(props: {
  id: string;
  name?: string;
  label: string;
  value?: string;
  hint?: string;
  type?: 'text' | 'date' | 'number' | 'password';
  required?: boolean;
  inputmode?: 'numeric' | 'text';
  autocomplete?: string;
  min?: string;
  max?: string;
  pattern?: string;
  size?: 'short' | 'wide';
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.name ?? props.id}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required ?? false}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete ?? 'off'}
        min={props.min}
        max={props.max}
        pattern={props.pattern}
        class={props.size}
        aria-describedby={hintId}
      />
    </div>
  );
}

export function SelectField(props: {
  id: string;
  name?: string;
  label: string;
  options: readonly { value: string; label: string }[];
  selected?: string | undefined;
  hint?: string;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <select id={props.id} name={props.name ?? props.id} aria-describedby={hintId}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox(props: {
  id: string;
  name?: string;
  label: string;
  checked?: boolean;
  value?: string;
}) {
  return (
    <div class="check-row">
      <input
        type="checkbox"
        id={props.id}
        name={props.name ?? props.id}
        value={props.value ?? 'yes'}
        checked={props.checked ?? false}
      />
      <label for={props.id}>{props.label}</label>
    </div>
  );
}

/** An ISO date as `dd.mm.yyyy`, with the machine-readable value. */
export function Day(props: { date: string | null | undefined }) {
  if (!props.date) return null;
  const [y, m, d] = props.date.slice(0, 10).split('-');
  return <time datetime={props.date.slice(0, 10)}>{`${d}.${m}.${y}`}</time>;
}

export const dayText = (date: string): string => {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

/** Internal ids in addresses are UUIDs; anything else names no record (and is never looked up). */
export const isId = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** An organisation's name in the page's language (its id where the region does not list it). */
export const orgName = (p: StaffPageContext, id: string): string =>
  p.who.organisations.get(id)?.[p.lang] ?? id;

/** The organisations of a desk as options, named in the page's language. */
export function orgOptions(p: StaffPageContext, ids: readonly string[]) {
  return ids.map((id) => ({
    value: id,
    label: `${p.who.organisations.get(id)?.[p.lang] ?? id} (${id})`,
  }));
}
