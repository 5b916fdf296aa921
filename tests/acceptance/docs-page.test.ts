/**
 * The `/docs` page in a real browser: headless chromium loads it from a whole host and the
 * page renders the deployment's OpenAPI document with nothing fetched from elsewhere. A
 * screenshot of the server actions is kept in test-artifacts/docs-page.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifactPath, chromiumSkip, givenChromium } from '../helpers/headless-chromium.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

type Json = Record<string, any>;

/** The summaries of the document's operations tagged `tag`, in document order. */
function summariesTagged(document: Json, tag: string): string[] {
  return Object.values(document.paths as Json)
    .flatMap((item: Json) => Object.values(item))
    .filter((operation: Json) => operation.tags?.includes(tag))
    .map((operation: Json) => operation.summary as string);
}

describe('the /docs page in headless chromium', { skip: chromiumSkip() }, () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let sidebar: Locator;
  let document: Json;
  const consoleErrors: string[] = [];
  const elsewhere: string[] = [];
  const failed: string[] = [];

  before(async () => {
    host = await givenTestHost();
    document = (await host.call('GET', '/v2.1/openapi.json', { token: null })).body as Json;
    browser = await givenChromium();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('request', (request) => {
      if (new URL(request.url()).hostname !== '127.0.0.1') elsewhere.push(request.url());
    });
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${host.url}/docs`, { waitUntil: 'networkidle' });
    sidebar = page.getByRole('navigation');
    await sidebar.getByRole('button', { name: /^servers (Open|Close) Group$/ }).click();
    await sidebar.getByRole('button', { name: /^Actions: / }).click();
    await page.getByRole('heading', { name: /^Actions: / }).waitFor();
    await page.screenshot({ path: artifactPath('docs-page.png') });
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });

  test('loads with no console errors and no failed requests', () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(failed, []);
  });

  test('requests nothing outside 127.0.0.1', () => {
    assert.deepEqual(elsewhere, []);
  });

  test('renders the document of the host it is served by', async () => {
    assert.equal(await page.title(), 'Compute API reference (wharf)');
    await page.getByRole('heading', { name: document.info.title, exact: true }).waitFor();
  });

  test('lists every servers operation in its sidebar', async () => {
    const summaries = summariesTagged(document, 'servers');
    assert.ok(summaries.includes('ServersController.index'), summaries.join(', '));
    const listed = (await sidebar.getByRole('button').allInnerTexts()).join('\n');
    for (const summary of summaries) assert.ok(listed.includes(summary), summary);
  });

  test('names every server action', async () => {
    const action = document.paths['/servers/{id}/action'].post as Json;
    const names = (action['x-wharf-actions'] as Json[]).map((entry) => entry.action as string);
    assert.ok(names.includes('reboot') && names.includes('os-start'), names.join(', '));
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: /^Actions: / })
    });
    const shown = await section.first().innerText();
    for (const name of names) assert.match(shown, new RegExp(`^${name} \\(extension `, 'm'));
  });
});
