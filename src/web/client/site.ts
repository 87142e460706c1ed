/**
 * Progressive enhancement for tegin's pages. Everything works without this
 * script (plain links and forms); with it:
 * - diagnosis fields suggest codes and the lists' wording as you type (an ARIA
 *   1.2 combobox over `/{lang}/suggest`);
 * - a region's list filters as you type (the server's own filter, asked at
 *   `…/match`, so the answer is the same as after pressing the button);
 * - item pages get a print button.
 * Any failure (offline, old browser) leaves the plain page in place.
 */

interface Suggestion {
  code: string;
  label: string;
}

function combobox(input: HTMLInputElement): void {
  const url = input.dataset.suggest;
  const field = input.parentElement;
  if (!url || !field) return;
  const list = document.createElement('ul');
  list.id = `${input.id}-list`;
  list.className = 'suggest';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  const label = document.querySelector(`label[for="${input.id}"]`);
  if (label) {
    label.id = label.id || `${input.id}-label`;
    list.setAttribute('aria-labelledby', label.id);
  }
  field.classList.add('has-suggest');
  field.appendChild(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  let items: Suggestion[] = [];
  let active = -1;
  let timer: number | undefined;
  let asked = 0;

  const render = (): void => {
    list.textContent = '';
    items.forEach((s, i) => {
      const option = document.createElement('li');
      option.id = `${list.id}-${i}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(i === active));
      const code = document.createElement('b');
      code.textContent = s.code;
      option.append(code, ` — ${s.label}`);
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        choose(i);
      });
      list.appendChild(option);
    });
    const open = items.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (open && active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const close = (): void => {
    items = [];
    active = -1;
    render();
  };
  const choose = (i: number): void => {
    const s = items[i];
    if (!s) return;
    input.value = `${s.code} — ${s.label}`;
    close();
  };
  const ask = async (q: string): Promise<void> => {
    const mine = ++asked;
    try {
      const res = await fetch(`${url}?q=${encodeURIComponent(q)}`, {
        headers: { accept: 'application/json' },
      });
      if (!res.ok) return;
      const body = (await res.json()) as { suggestions: Suggestion[] };
      if (mine !== asked || document.activeElement !== input) return;
      // A list that refreshes under the arrow keys keeps the option the user is on.
      const current = items[active];
      items = body.suggestions;
      active = current
        ? items.findIndex((s) => s.code === current.code && s.label === current.label)
        : -1;
      render();
    } catch {
      // Offline or the server is gone: the plain field still works.
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      asked++;
      close();
      return;
    }
    timer = window.setTimeout(() => void ask(q), 200);
  });
  input.addEventListener('keydown', (event) => {
    if (list.hidden || items.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + items.length) % items.length;
      render();
      event.preventDefault();
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 150));
}

function instantFilter(form: HTMLFormElement): void {
  const url = form.dataset.filter;
  const count = document.getElementById('count');
  if (!url) return;
  let timer: number | undefined;
  let asked = 0;

  const apply = async (): Promise<void> => {
    const params = new URLSearchParams();
    new FormData(form).forEach((value, key) => {
      if (typeof value === 'string' && value !== '') params.set(key, value);
    });
    const mine = ++asked;
    try {
      const res = await fetch(`${url}?${params.toString()}`, {
        headers: { accept: 'application/json' },
      });
      if (!res.ok) return;
      const body = (await res.json()) as { keys: string[]; message: string };
      if (mine !== asked) return;
      const keys = new Set(body.keys);
      document.querySelectorAll<HTMLElement>('article[data-key]').forEach((item) => {
        item.hidden = !keys.has(item.dataset.key ?? '');
      });
      document.querySelectorAll<HTMLElement>('section[data-section]').forEach((section) => {
        section.hidden = section.querySelector('article[data-key]:not([hidden])') === null;
      });
      if (count) count.textContent = body.message;
      history.replaceState(null, '', `${form.action}?${params.toString()}`);
    } catch {
      // Offline: pressing the button still filters on the server.
    }
  };

  // The date picks another text of the list: that one is left to the button (a reload).
  const isDate = (target: EventTarget | null) =>
    target instanceof HTMLInputElement && target.type === 'date';
  form.addEventListener('input', (event) => {
    if (isDate(event.target)) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void apply(), 250);
  });
  form.addEventListener('change', (event) => {
    if (isDate(event.target) || !(event.target instanceof HTMLSelectElement)) return;
    window.clearTimeout(timer);
    void apply();
  });
}

function printButtons(): void {
  document.querySelectorAll<HTMLButtonElement>('button[data-print]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  });
}

/** Folded blocks (a list's official title) are printed open, then folded back. */
function printFolded(): void {
  let opened: HTMLDetailsElement[] = [];
  window.addEventListener('beforeprint', () => {
    opened = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
    for (const d of opened) d.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const d of opened) d.open = false;
    opened = [];
  });
}

document.querySelectorAll<HTMLInputElement>('input[data-suggest]').forEach(combobox);
document.querySelectorAll<HTMLFormElement>('form[data-filter]').forEach(instantFilter);
printButtons();
printFolded();
