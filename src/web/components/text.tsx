/**
 * Legal wording on the page: the text in the page language, and where the page
 * is not in Kazakh, the source's own Kazakh wording beside it (marked
 * `lang="kk"` for screen readers and spell checkers).
 */
import { legalDate } from '../../domain/citation.ts';
import type { LocalizedText } from '../../domain/text.ts';
import { actPath, href, type Ui } from '../ui.ts';

/** The page-language rendering, then the Kazakh source wording when the page is not Kazakh. */
export function Legal(props: { ui: Ui; text: LocalizedText; block?: boolean }) {
  const { ui, text } = props;
  if (ui.lang === 'kk') return <span lang="kk">{text.kk}</span>;
  return (
    <>
      <span>{text[ui.lang]}</span>{' '}
      <span class={props.block ? 'src block' : 'src'} lang="kk">
        {text.kk}
      </span>
    </>
  );
}

/** A date as Kazakh legal texts write it, with the machine-readable value. */
export function LegalDate(props: { date: string }) {
  const [y, m, d] = props.date.split('-');
  return <time datetime={props.date}>{`${d}.${m}.${y}`}</time>;
}

/** A link to an act, named briefly ("No 15-3 of 24.10.2024"); its id where the data has no file for it. */
export function ActLink(props: { ui: Ui; id: string }) {
  const { ui, id } = props;
  const act = ui.act(id);
  return (
    <a href={href(ui, actPath(id))} title={id}>
      {act ? ui.m.common.actShort(act.number, legalDate(act.adopted)) : id}
    </a>
  );
}

/** Several act links, comma-separated. */
export function ActLinks(props: { ui: Ui; ids: readonly string[] }) {
  return (
    <>
      {props.ids.map((id, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <ActLink ui={props.ui} id={id} />
        </>
      ))}
    </>
  );
}
