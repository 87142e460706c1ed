/**
 * The change feeds (`/{lang}/regions/{region}/changes.atom` and `.json`) in-process: Atom read
 * back with a strict XML reader (test/support/xml.ts) and checked against RFC 4287's structural
 * rules (section 4.1.1–4.1.3: required and at-most-once elements, author, ids as absolute IRIs,
 * RFC 3339 dates, unique entry ids, alternate links); JSON Feed against the 1.1 spec's required
 * fields and types. Entries cite the act and say where its entry into force is uncertain; ids
 * stay the same between requests; the answers are public and tagged; no date-less region leaks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Services } from '../src/app/services.ts';
import { changeFeed } from '../src/domain/feed.ts';
import { LANGS } from '../src/domain/text.ts';
import { feedMessagesFor } from '../src/web/i18n/feeds-messages.ts';
import { testApp, testServices, type TestApp } from './support/app.ts';
import { childrenNamed, parseXml, type XmlElement } from './support/xml.ts';

let services: Services;
let app: TestApp;
before(async () => {
  services = await testServices();
  app = testApp(services, { publicBaseUrl: () => 'https://tegin.example/' });
});
after(() => services.storage.close());

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const one = (parent: XmlElement, name: string): XmlElement => {
  const found = childrenNamed(parent, name);
  assert.equal(found.length, 1, `<${parent.name}> has exactly one <${name}>`);
  return found[0] as XmlElement;
};
const atMostOne = (parent: XmlElement, name: string) =>
  assert.ok(childrenNamed(parent, name).length <= 1, `<${parent.name}> has at most one <${name}>`);

/** RFC 4287 §4.1.1–4.1.3 and §4.2, as far as structure and values can be checked. */
function assertAtom(feed: XmlElement): void {
  assert.equal(feed.name, 'feed');
  assert.equal(feed.attributes.get('xmlns'), 'http://www.w3.org/2005/Atom');
  for (const name of ['id', 'title', 'updated']) one(feed, name);
  for (const name of ['subtitle', 'icon', 'logo', 'rights', 'generator']) atMostOne(feed, name);
  assert.match(one(feed, 'id').text, ABSOLUTE_IRI);
  assert.match(one(feed, 'updated').text, RFC3339);
  const entries = childrenNamed(feed, 'entry');
  // §4.1.1: an author on the feed, or on every entry.
  assert.ok(
    childrenNamed(feed, 'author').length > 0 ||
      entries.every((e) => childrenNamed(e, 'author').length > 0),
    'an author',
  );
  for (const author of childrenNamed(feed, 'author')) assert.ok(one(author, 'name').text);
  const alternates = (parent: XmlElement) =>
    childrenNamed(parent, 'link')
      .filter((l) => (l.attributes.get('rel') ?? 'alternate') === 'alternate')
      .map((l) => `${l.attributes.get('type') ?? ''}|${l.attributes.get('hreflang') ?? ''}`);
  for (const link of childrenNamed(feed, 'link'))
    assert.match(link.attributes.get('href') ?? '', ABSOLUTE_IRI);
  assert.equal(new Set(alternates(feed)).size, alternates(feed).length, 'alternate links distinct');
  const self = childrenNamed(feed, 'link').find((l) => l.attributes.get('rel') === 'self');
  assert.ok(self, 'a self link');
  const ids = new Set<string>();
  for (const entry of entries) {
    for (const name of ['id', 'title', 'updated']) one(entry, name);
    for (const name of ['content', 'published', 'summary', 'rights', 'source'])
      atMostOne(entry, name);
    const id = one(entry, 'id').text;
    assert.match(id, ABSOLUTE_IRI);
    assert.ok(!ids.has(id), `entry id ${id} unique`);
    ids.add(id);
    assert.match(one(entry, 'updated').text, RFC3339);
    for (const p of childrenNamed(entry, 'published')) assert.match(p.text, RFC3339);
    assert.equal(new Set(alternates(entry)).size, alternates(entry).length);
    // §4.1.2: no content → an alternate link is required.
    const content = childrenNamed(entry, 'content')[0];
    assert.ok(content || alternates(entry).length > 0);
    if (content) {
      assert.ok(['text', 'html', 'xhtml'].includes(content.attributes.get('type') ?? 'text'));
      assert.equal(content.children.length, 0, 'html content is escaped text, not markup');
    }
  }
}

/** JSON Feed 1.1: required fields and the types the spec gives every field used. */
function assertJsonFeed(feed: Record<string, unknown>): void {
  const KNOWN = [
    'version',
    'title',
    'home_page_url',
    'feed_url',
    'description',
    'user_comment',
    'next_url',
    'icon',
    'favicon',
    'authors',
    'language',
    'expired',
    'hubs',
    'items',
  ];
  const ITEM = [
    'id',
    'url',
    'external_url',
    'title',
    'content_html',
    'content_text',
    'summary',
    'image',
    'banner_image',
    'date_published',
    'date_modified',
    'authors',
    'tags',
    'language',
    'attachments',
  ];
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(typeof feed.title, 'string');
  assert.ok(Array.isArray(feed.items));
  for (const key of Object.keys(feed)) assert.ok(KNOWN.includes(key) || key.startsWith('_'), key);
  for (const key of ['home_page_url', 'feed_url']) {
    if (key in feed) assert.match(String(feed[key]), /^https?:\/\//);
  }
  for (const a of (feed.authors as { name?: unknown }[] | undefined) ?? []) {
    assert.equal(typeof a.name, 'string');
  }
  const ids = new Set<string>();
  for (const item of feed.items as Record<string, unknown>[]) {
    for (const key of Object.keys(item)) assert.ok(ITEM.includes(key) || key.startsWith('_'), key);
    assert.equal(typeof item.id, 'string');
    assert.ok((item.id as string).length > 0);
    assert.ok(!ids.has(item.id as string), 'item ids unique');
    ids.add(item.id as string);
    assert.ok(
      typeof item.content_html === 'string' || typeof item.content_text === 'string',
      'content_html or content_text',
    );
    for (const key of ['date_published', 'date_modified']) {
      if (key in item) assert.match(String(item[key]), RFC3339);
    }
    if ('url' in item) assert.match(String(item.url), /^https?:\/\//);
    if ('tags' in item) assert.ok((item.tags as unknown[]).every((t) => typeof t === 'string'));
  }
}

describe('change feeds', () => {
  for (const lang of LANGS) {
    for (const region of ['west-kazakhstan', 'KZ-35']) {
      it(`Atom of ${region} in ${lang} follows RFC 4287 and cites each act`, async () => {
        const res = await app.request(`/${lang}/regions/${region}/changes.atom`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^application\/atom\+xml/);
        const body = await res.text();
        const feed = parseXml(body);
        assertAtom(feed);
        assert.equal(feed.attributes.get('xml:lang'), lang);
        const r = services.registry.region(region);
        assert.ok(r);
        const expected = changeFeed({
          region: r,
          versions: services.registry.listVersions(r.code),
          context: services.registry,
        });
        const entries = childrenNamed(feed, 'entry');
        assert.equal(entries.length, expected.entries.length);
        assert.ok(entries.length > 0, 'the seed lists were amended');
        const m = feedMessagesFor(lang).feed;
        for (const [n, entry] of entries.entries()) {
          const want = expected.entries[n];
          assert.ok(want);
          const html = one(entry, 'content').text;
          assert.ok(html.includes(want.label[lang].slice(1)), 'the act is cited');
          assert.ok(html.includes(want.when[lang]), 'its entry into force');
          assert.equal(html.includes(m.uncertain), !want.isEffectiveCertain, 'uncertainty said');
          assert.equal(one(entry, 'updated').text, `${want.updated}T00:00:00+05:00`);
          assert.match(
            childrenNamed(entry, 'link')[0]?.attributes.get('href') ?? '',
            /^https:\/\/tegin\.example\/\w\w\/acts\//,
          );
        }
      });
    }
  }

  it('the West Kazakhstan feed names the items No 22-5 excluded, and its date as certain', async () => {
    const body = (await (await app.request('/en/regions/KZ-27/changes.json')).json()) as {
      items: unknown;
    };
    const item = (
      body.items as { _tegin: { act: string; effectiveCertain: boolean; items: unknown[] } }[]
    ).find((i) => i._tegin.act.endsWith('22-5'));
    assert.ok(item);
    assert.equal(item._tegin.effectiveCertain, true);
    assert.deepEqual(item._tegin.items, [
      { section: '1', item: '26', change: 'excluded' },
      { section: '1', item: '27', change: 'excluded' },
    ]);
  });

  for (const lang of LANGS) {
    it(`JSON Feed in ${lang} follows JSON Feed 1.1`, async () => {
      const res = await app.request(`/${lang}/regions/KZ-27/changes.json`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/feed\+json/);
      const feed = (await res.json()) as Record<string, unknown>;
      assertJsonFeed(feed);
      assert.equal(feed.language, lang);
      assert.equal(
        feed.feed_url,
        `https://tegin.example/${lang}/regions/west-kazakhstan/changes.json`,
      );
    });
  }

  it('entry ids are stable across requests and differ by language', async () => {
    const ids = async (lang: string) =>
      (
        (await (await app.request(`/${lang}/regions/KZ-27/changes.json`)).json()) as {
          items: { id: string }[];
        }
      ).items.map((i) => i.id);
    assert.deepEqual(await ids('kk'), await ids('kk'));
    const kk = new Set(await ids('kk'));
    for (const id of await ids('ru')) assert.ok(!kk.has(id));
    const atom = parseXml(await (await app.request('/kk/regions/KZ-27/changes.atom')).text());
    assert.deepEqual(
      childrenNamed(atom, 'entry').map((e) => one(e, 'id').text),
      await ids('kk'),
      'Atom and JSON Feed share entry ids',
    );
  });

  it('feeds are public answers with a strong ETag and 304', async () => {
    const res = await app.request('/ru/regions/KZ-35/changes.atom');
    const etag = res.headers.get('etag');
    assert.match(res.headers.get('cache-control') ?? '', /^public/);
    assert.ok(etag && !etag.startsWith('W/'));
    const again = await app.request('/ru/regions/KZ-35/changes.atom', {
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.status, 304);
  });

  it('a region without a list, or an unknown one, has no feed (404)', async () => {
    const without = services.registry.regions.find(
      (r) => services.registry.listVersions(r.code).length === 0,
    );
    assert.ok(without);
    assert.equal((await app.request(`/en/regions/${without.slug}/changes.atom`)).status, 404);
    assert.equal((await app.request('/en/regions/nowhere/changes.json')).status, 404);
  });

  it('the XML reader refuses what is not well-formed (so the Atom check can fail)', () => {
    for (const bad of [
      '<a><b></a></b>',
      '<a>x & y</a>',
      '<a x="1" x="2"/>',
      '<a/><b/>',
      '<a>&nbsp;</a>',
    ]) {
      assert.throws(() => parseXml(bad), bad);
    }
    assert.equal(parseXml('<a t="&lt;&#233;">x &amp; <b/>y</a>').text, 'x & y');
  });
});
