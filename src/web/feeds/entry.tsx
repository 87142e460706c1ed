/**
 * The body of one change-feed entry as an HTML fragment (Atom `content type="html"` and JSON
 * Feed `content_html`): the act cited, its entry into force (saying so where it is uncertain),
 * the parts it changed, the items it named, and the item-by-item diff where the data tells it.
 * Rendered with Hono's JSX, so every value is escaped.
 */
import { legalDate } from '../../domain/citation.ts';
import type { FeedEntry } from '../../domain/feed.ts';
import { AMENDMENT_LABELS, CHANGED_FIELD_LABELS, ITEM_CHANGE_LABELS } from '../../domain/labels.ts';
import type { Region } from '../../domain/region.ts';
import type { Lang } from '../../domain/text.ts';
import { feedMessagesFor } from '../i18n/feeds-messages.ts';
import { actPath, capitalise, itemPath } from '../ui.ts';

export interface FeedLinks {
  /** Absolute origin and path prefix of the public site, without a trailing slash. */
  base: string;
  lang: Lang;
}

export const absolute = (links: FeedLinks, path: string): string =>
  `${links.base}/${links.lang}${path}`;

export function entryHtml(entry: FeedEntry, region: Region, links: FeedLinks): string {
  return String(<EntryBody entry={entry} region={region} links={links} />);
}

function EntryBody(props: { entry: FeedEntry; region: Region; links: FeedLinks }) {
  const { entry, region, links } = props;
  const { lang } = links;
  const m = feedMessagesFor(lang).feed;
  const { diff } = entry;
  return (
    <div>
      <p>
        <strong>{m.citation}:</strong>{' '}
        <a href={absolute(links, actPath(entry.act))}>{capitalise(entry.label[lang])}</a>
        {entry.adopted ? `; ${m.adopted(legalDate(entry.adopted))}` : ''}
        {entry.registration
          ? `; ${m.registered(entry.registration.number, entry.registration.date ? legalDate(entry.registration.date) : '—')}`
          : ''}
      </p>
      <p>
        <strong>{m.inForce}:</strong> {entry.when[lang]}
        {entry.isEffectiveCertain ? '' : ` ${m.uncertain}`}
      </p>
      <p>
        <strong>{m.parts}:</strong>
      </p>
      <ul>
        {entry.changes.map((c) => (
          <li>{c.text[lang]}</li>
        ))}
      </ul>
      {entry.items.length > 0 ? (
        <>
          <p>
            <strong>{m.items}:</strong>
          </p>
          <ul>
            {entry.items.map((i) => (
              <li>
                <a href={absolute(links, itemPath(region, i.sectionNumber, i.number))}>
                  {i.sectionNumber}.{i.number}
                </a>
                {i.diagnosis ? ` ${i.diagnosis[lang]}` : ''}: {AMENDMENT_LABELS[i.change][lang]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <strong>{m.diff}</strong> ({legalDate(diff.from)} → {legalDate(diff.to)}):
      </p>
      {diff.changes === null ? (
        <>
          <p>{m.cannotDiff}</p>
          <ul>
            {diff.unknown.map((u) => (
              <li>{u[lang]}</li>
            ))}
          </ul>
        </>
      ) : diff.changes.length === 0 ? (
        <p>{m.diffNone}</p>
      ) : (
        <ul>
          {diff.changes.map((c) => {
            const shown = c.after ?? c.before;
            return (
              <li>
                {capitalise(ITEM_CHANGE_LABELS[c.kind][lang])}: {c.sectionNumber}.{c.number}
                {shown?.diagnosis ? ` ${shown.diagnosis[lang]}` : ''}
                {c.fields.length > 0
                  ? ` (${c.fields.map((f) => CHANGED_FIELD_LABELS[f][lang]).join(', ')})`
                  : ''}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
