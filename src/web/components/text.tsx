/**
 * Legal wording on the page: the text in the page language, and where the page
 * is not in Kazakh, the source's own Kazakh wording beside it (marked
 * `lang="kk"` for screen readers and spell checkers).
 */
import type { LocalizedText } from '../../domain/text.ts';
import type { Ui } from '../ui.ts';

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
