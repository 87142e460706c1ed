/** One version: package.json's, which the API reports and CHANGELOG.md names as the latest release. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { API_VERSION } from '../src/http/api-version.ts';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
const changelog = readFileSync(new URL('CHANGELOG.md', root), 'utf8');

describe('version', () => {
  it('is package.json’s in the API (OpenAPI, CapabilityStatement)', () => {
    assert.equal(API_VERSION, pkg.version);
  });

  it('is the newest release of CHANGELOG.md, under Unreleased, newest first', () => {
    const software = changelog.slice(
      changelog.indexOf('## Software'),
      changelog.indexOf('## Legal data'),
    );
    const headings = [...software.matchAll(/^### (.+)$/gm)].map((m) => m[1] ?? '');
    assert.equal(headings[0], 'Unreleased');
    const releases = headings.slice(1).map((h) => h.split(' ')[0] ?? '');
    assert.equal(releases[0], pkg.version);
    const order = (v: string) => v.split('.').reduce((n, part) => n * 1000 + Number(part), 0);
    assert.deepEqual(
      releases,
      [...releases].sort((a, b) => order(b) - order(a)),
    );
  });
});
