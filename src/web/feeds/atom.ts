/**
 * A region's change feed as Atom 1.0 (RFC 4287): feed `id`, `title`, `updated`, `author`,
 * `link rel="self"` and `rel="alternate"`; per entry `id`, `title`, `updated`, `published`
 * (the adoption), `link rel="alternate"` (the act's page) and `content type="html"`.
 * Ids are `urn:uuid:` names derived from the region, the act and the language, so they never
 * change while the act stays in the data. Dates are days in Kazakhstan (UTC+05:00).
 */
import { createHash } from 'node:crypto';
import type { ChangeFeed } from '../../domain/feed.ts';
import type { Region } from '../../domain/region.ts';
import { feedMessagesFor } from '../i18n/feeds-messages.ts';
import { actPath, regionPath } from '../ui.ts';
import { absolute, entryHtml, type FeedLinks } from './entry.tsx';

/** A day as an RFC 3339 date-time: midnight in Kazakhstan. */
export const dayTime = (day: string): string => `${day}T00:00:00+05:00`;

/** A stable `urn:uuid:` (a name-based UUID, version 5 layout, SHA-1) for `name`. */
export function stableUuid(name: string): string {
  const bytes = createHash('sha1').update(`tegin:${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
export const xml = (text: string): string => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** The feed's own id (per region and language) and each entry's. */
export const feedId = (region: Region, lang: string) =>
  stableUuid(`changes/${region.code}/${lang}`);
export const entryId = (region: Region, act: string, lang: string) =>
  stableUuid(`changes/${region.code}/${act}/${lang}`);

export function atomFeed(feed: ChangeFeed, region: Region, links: FeedLinks): string {
  const { lang } = links;
  const m = feedMessagesFor(lang).feed;
  const changes = `${regionPath(region)}/changes`;
  // A region whose list no act amended still has a valid `updated`: the day the data was read.
  const updated = feed.updated ?? '1900-01-01';
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `<id>${feedId(region, lang)}</id>`,
    `<title type="text">${xml(m.title(region.name[lang]))}</title>`,
    `<subtitle type="text">${xml(m.subtitle)}</subtitle>`,
    `<updated>${dayTime(updated)}</updated>`,
    '<author><name>tegin</name></author>',
    `<link rel="self" type="application/atom+xml" href="${xml(absolute(links, `${changes}.atom`))}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(absolute(links, changes))}"/>`,
    `<link rel="alternate" type="application/feed+json" href="${xml(absolute(links, `${changes}.json`))}"/>`,
  ];
  for (const entry of feed.entries) {
    out.push(
      '<entry>',
      `<id>${entryId(region, entry.act, lang)}</id>`,
      `<title type="text">${xml(m.entryTitle(entry.label[lang]))}</title>`,
      `<updated>${dayTime(entry.updated)}</updated>`,
      ...(entry.adopted ? [`<published>${dayTime(entry.adopted)}</published>`] : []),
      `<link rel="alternate" type="text/html" href="${xml(absolute(links, actPath(entry.act)))}"/>`,
      ...entry.changes.map((c) => `<category term="${xml(c.change)}"/>`),
      `<content type="html">${xml(entryHtml(entry, region, links))}</content>`,
      '</entry>',
    );
  }
  out.push('</feed>');
  return `${out.join('\n')}\n`;
}
