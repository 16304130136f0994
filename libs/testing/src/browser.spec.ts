import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, tabTo } from './browser';

const clean = `<!DOCTYPE html><html lang="en"><head><title>A clean page</title></head><body>
<main><h1>A clean page</h1>
<form><label for="name">Your name</label><input id="name" name="name" type="text"><button type="submit">Continue</button></form>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot"></main></body></html>`;

describe('the browser harness: chromium, axe-core, keyboard', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });
  beforeEach(async () => { page = await browser.newPage(); });
  afterEach(async () => { await page.close(); });

  it('passes a page with no serious or critical WCAG violation', async () => {
    await page.setContent(clean);
    await expectAccessible(page, 'the clean page');
  });

  it('fails a page with an image without a text alternative, naming the rule and the element', async () => {
    await page.setContent(clean.replace(' alt="A dot"', ' id="dot"'));
    await expect(expectAccessible(page, 'the page with an image')).rejects.toThrow(/the page with an image[\s\S]*image-alt \(critical\): Images must have alternative text[\s\S]*#dot/);
  });

  it('fails a page with an input without a label', async () => {
    await page.setContent(clean.replace('<label for="name">Your name</label>', ''));
    await expect(expectAccessible(page, 'the form')).rejects.toThrow(/label \(critical\)[\s\S]*#name/);
  });

  describe('on a page served with a strict Content-Security-Policy (default-src \'none\')', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; script-src 'self'; base-uri 'none'" });
        res.end(clean.replace(' alt="A dot"', '').replace('</body>', '<script>document.title = "inline ran"</script></body>'));
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(async () => { await new Promise((done) => server.close(done)); });

    it('still runs axe-core, which finds the violation', async () => {
      await page.goto(url);
      // the policy is in force: the page's own inline script did not run
      expect(await page.title()).toBe('A clean page');
      await expect(expectAccessible(page, 'the strict page')).rejects.toThrow(/image-alt \(critical\)/);
    });
  });

  it('moves the focus with Tab', async () => {
    await page.setContent(clean);
    await tabTo(page, 'button[type=submit]');
    expect(await page.locator(':focus').innerText()).toBe('Continue');
  });
});
