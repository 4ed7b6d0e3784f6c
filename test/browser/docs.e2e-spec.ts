/**
 * Swagger UI in a real browser (Debian's chromium through playwright-core): the page renders
 * every tag and operation of the spec, Authorize and "Try it out" work against the running app,
 * and descriptions with characters that are special to String.prototype.replace, to HTML or to
 * JavaScript are shown as written.
 */
import type { Browser, Page } from 'playwright-core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../../src/bootstrap';
import { serveDocs } from '../../src/docs/swagger-ui';
import { startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { describeWithChromium, launchChromium } from '../support/browser';
import { describeWithIcinga, type IcingaInstance, startTestIcinga } from '../support/icinga';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

function operations(spec: OpenAPIObject) {
  return Object.values(spec.paths).flatMap((item) =>
    METHODS.filter((m) => item[m]).map((m) => item[m]!),
  );
}

interface OpenedPage {
  page: Page;
  /** Uncaught errors of the page's scripts. */
  errors: string[];
  /** Requests to anything but the app: the page must work offline. */
  foreign: string[];
}

/** Opens `/docs` on the app and waits until Swagger UI shows the operations. */
async function openDocs(browser: Browser, baseUrl: string): Promise<OpenedPage> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${baseUrl}/`) || url.startsWith('data:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  await page.goto(`${baseUrl}/docs`);
  try {
    await page.locator('.opblock').first().waitFor({ timeout: 15000 });
  } catch {
    throw new Error(`Swagger UI shows no operation; page errors: ${JSON.stringify(errors)}`);
  }
  return { page, errors, foreign };
}

/** Signs in through the Authorize dialog with HTTP Basic credentials. */
async function authorize(page: Page, user: { name: string; password: string }): Promise<void> {
  await page.locator('.scheme-container button.authorize').click();
  const dialog = page.locator('.dialog-ux .modal-ux');
  await dialog.locator('input[name="username"]').fill(user.name);
  await dialog.locator('input[name="password"]').fill(user.password);
  await dialog.locator('button.authorize[type="submit"]').click();
  await dialog.locator('button.btn-done').click();
}

/** Expands an operation, presses "Try it out", fills the given parameters and executes it. */
async function tryItOut(
  page: Page,
  tag: string,
  operationId: string,
  parameters: Record<string, string> = {},
): Promise<{ status: string; body: string }> {
  const block = page.locator(`#operations-${tag}-${operationId}`);
  await block.locator('.opblock-summary').first().click();
  await block.locator('button.try-out__btn').click();
  for (const [name, value] of Object.entries(parameters)) {
    await block.locator(`tr[data-param-name="${name}"] input`).fill(value);
  }
  await block.locator('button.execute').click();
  const live = block.locator('.live-responses-table');
  await live.locator('.response-col_status').first().waitFor({ timeout: 20000 });
  return {
    status: (await live.locator('tbody .response-col_status').first().innerText()).trim(),
    body: await live.locator('.response-col_description .highlight-code pre').first().innerText(),
  };
}

describeWithChromium('Swagger UI in a browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe('on the running app', () => {
    let t: TestApp;
    let spec: OpenAPIObject;

    beforeAll(async () => {
      t = await startTestApp('sqlite');
      spec = (await (await fetch(`${t.url}/openapi.json`)).json()) as OpenAPIObject;
    });

    afterAll(async () => {
      await t?.close();
    });

    it('redirects GET / to the page', async () => {
      const res = await fetch(`${t.url}/`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get('location')!, `${t.url}/`).pathname).toBe('/docs/');
    });

    it('renders every tag and every operation of the spec, offline and without errors', async () => {
      const { page, errors, foreign } = await openDocs(browser, t.url);
      const tags = await Promise.all(
        (await page.locator('.opblock-tag').all()).map((tag) => tag.getAttribute('data-tag')),
      );
      const used = [...new Set(operations(spec).flatMap((op) => op.tags ?? []))];
      expect(tags.sort()).toEqual(used.sort());
      expect(await page.locator('.opblock').count()).toBe(operations(spec).length);
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
      await page.close();
    });

    it('signs in with Basic auth and tries GET /api/v1/me and the target list', async () => {
      const { page, errors } = await openDocs(browser, t.url);
      await authorize(page, TEST_USERS.admin);
      const me = await tryItOut(page, 'auth', 'getMe');
      expect(me.status).toBe('200');
      expect(JSON.parse(me.body)).toEqual({ name: TEST_USERS.admin.name, role: 'admin' });
      const targets = await tryItOut(page, 'targets', 'listTargets');
      expect(targets.status).toBe('200');
      expect(JSON.parse(targets.body)).toMatchObject({ total: 0 });
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describeWithIcinga('with a private Icinga 2', () => {
    let icinga: IcingaInstance;
    let t: TestApp;

    beforeAll(async () => {
      icinga = await startTestIcinga();
      t = await startTestApp('sqlite', {
        VIGIL_LIVESTATUS_SITES: `local=unix:${icinga.socketPath}`,
      });
    });

    afterAll(async () => {
      await t?.close();
      await icinga?.stop();
    });

    it('runs a livestatus table query through "Try it out"', async () => {
      const { page, errors } = await openDocs(browser, t.url);
      await authorize(page, TEST_USERS.viewer);
      const hosts = await tryItOut(page, 'livestatus', 'queryLivestatusTable', {
        table: 'hosts',
        columns: 'name',
      });
      expect(hosts.status).toBe('200');
      const names = (JSON.parse(hosts.body) as { name: string }[]).map((h) => h.name);
      expect(names).toContain('db-01');
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('with hostile characters in a summary and a description', () => {
    // special in String.prototype.replace patterns ($` $& $'), in HTML and in JavaScript
    const HOSTILE =
      "left $` amp $& right $' end </script><script>window.hacked=1</script> tick ` .";
    let t: TestApp;

    beforeAll(async () => {
      // the app's own docs are off; these are served by the same code with the text added
      t = await startTestApp('sqlite', { VIGIL_DOCS_ENABLED: 'false' }, (app) =>
        serveDocs(app, () => {
          const spec = buildOpenApiDocument(app);
          Object.assign(spec.paths['/api/v1/me'].get!, { summary: HOSTILE, description: HOSTILE });
          return spec;
        }),
      );
    });

    afterAll(async () => {
      await t?.close();
    });

    it('renders the page and shows the text as written', async () => {
      const { page, errors } = await openDocs(browser, t.url);
      const spec = (await (await fetch(`${t.url}/openapi.json`)).json()) as OpenAPIObject;
      expect(await page.locator('.opblock').count()).toBe(operations(spec).length);
      const block = page.locator('#operations-auth-getMe');
      // a summary is plain text
      expect(await block.locator('.opblock-summary-description').innerText()).toBe(HOSTILE);
      // a description is Markdown: its two backticks make a code span, the rest is as written
      await block.locator('.opblock-summary').first().click();
      const description = block.locator('.opblock-description-wrapper').first();
      const text = await description.innerText();
      expect(text.replace(/\s+/g, '')).toBe(HOSTILE.replace(/[`\s]/g, ''));
      expect(await description.locator('code').innerText()).toContain('</script><script>');
      expect(await page.evaluate('typeof window.hacked')).toBe('undefined');
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
