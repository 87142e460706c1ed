/**
 * A region's change feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1): `version`,
 * `title`, `home_page_url`, `feed_url`, `language`, `items` with `id`, `url`, `title`,
 * `content_html`, `date_published`, `date_modified`, `tags`, and a `_tegin` extension holding
 * the structured change (act, entry into force, whether it is certain, the diff).
 */
import type { ChangeFeed } from '../../domain/feed.ts';
import type { Region } from '../../domain/region.ts';
import { feedMessagesFor } from '../i18n/feeds-messages.ts';
import { actPath, regionPath } from '../ui.ts';
import { dayTime, entryId } from './atom.ts';
import { absolute, entryHtml, type FeedLinks } from './entry.tsx';

export function jsonFeed(feed: ChangeFeed, region: Region, links: FeedLinks): object {
  const { lang } = links;
  const m = feedMessagesFor(lang).feed;
  const changes = `${regionPath(region)}/changes`;
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: m.title(region.name[lang]),
    description: m.subtitle,
    home_page_url: absolute(links, changes),
    feed_url: absolute(links, `${changes}.json`),
    language: lang,
    authors: [{ name: 'tegin' }],
    items: feed.entries.map((entry) => ({
      id: entryId(region, entry.act, lang),
      url: absolute(links, actPath(entry.act)),
      title: m.entryTitle(entry.label[lang]),
      content_html: entryHtml(entry, region, links),
      ...(entry.adopted ? { date_published: dayTime(entry.adopted) } : {}),
      date_modified: dayTime(entry.updated),
      tags: [...new Set(entry.changes.map((c) => c.change))],
      _tegin: {
        act: entry.act,
        region: region.code,
        effective: entry.effective,
        effectiveCertain: entry.isEffectiveCertain,
        changes: entry.changes.map((c) => ({ part: c.part, change: c.change })),
        items: entry.items.map((i) => ({
          section: i.sectionNumber,
          item: i.number,
          change: i.change,
        })),
        diff: {
          from: entry.diff.from,
          to: entry.diff.to,
          changes:
            entry.diff.changes?.map((c) => ({
              kind: c.kind,
              section: c.sectionNumber,
              item: c.number,
              fields: c.fields,
            })) ?? null,
          unknown: entry.diff.unknown.map((u) => u[lang]),
        },
      },
    })),
  };
}
