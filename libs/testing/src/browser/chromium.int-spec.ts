import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openInChromium, type ChromiumPage } from './chromium';

const OUTPUT_DIR = resolve(__dirname, '../../../../test-output/browser');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// A 1x1 PNG, inline: a self-contained page embeds its images.
const DOT =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const listen = (server: Server) =>
  new Promise<number>((done) =>
    server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)),
  );
// Chromium keeps its connections alive; close() alone would wait for them.
const closeServer = (server: Server) =>
  new Promise((done) => {
    server.close(done);
    server.closeAllConnections();
  });

describe('openInChromium', () => {
  let dir: string;
  let opened: ChromiumPage | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'palisade-browser-spec-'));
  });

  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should render a self-contained page, run its script and screenshot it, with nothing reported', async () => {
    const file = join(dir, 'self-contained.html');
    writeFileSync(
      file,
      `<!doctype html><html><head><meta charset="utf-8"><title>Report</title>
      <style>body { background: url(data:image/png;base64,${DOT}); }</style></head>
      <body><h1 id="title">static</h1><img alt="dot" src="data:image/png;base64,${DOT}">
      <script>document.getElementById('title').textContent = 'rendered by ' + 'script';</script>
      </body></html>`,
    );
    const screenshotPath = join(OUTPUT_DIR, 'self-contained.png');
    rmSync(screenshotPath, { force: true });

    opened = await openInChromium(file, { screenshotPath });

    expect(opened.url).toBe(`file://${file}`);
    expect(await opened.page.title()).toBe('Report');
    expect(await opened.page.textContent('#title')).toBe('rendered by script');
    expect(readFileSync(screenshotPath).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(opened.failedRequests).toEqual([]);
  }, 30_000);

  it('should report every request the page makes, the failed ones and the console errors', async () => {
    // A file:// page has the opaque origin `null`: the response must allow it.
    const server = createServer((_request, response) =>
      response.setHeader('access-control-allow-origin', '*').end('{"ok":true}'),
    );
    const port = await listen(server);
    // A port that was just free and is closed again: connecting is refused at once.
    const closed = createServer();
    const closedPort = await listen(closed);
    await closeServer(closed);
    const file = join(dir, 'networked.html');
    writeFileSync(
      file,
      `<!doctype html><html><body><p id="status">waiting</p>
      <img alt="remote" src="http://127.0.0.1:${closedPort}/logo.png">
      <script>
        console.error('chart data missing');
        fetch('http://127.0.0.1:${port}/data.json').then((r) => r.json())
          .then((body) => { document.getElementById('status').textContent = 'ok=' + body.ok; });
        setTimeout(() => {
          document.body.dataset.thrown = 'yes';
          throw new Error('late failure');
        });
      </script></body></html>`,
    );

    try {
      opened = await openInChromium(file);
      await opened.page.locator('#status', { hasText: 'ok=true' }).waitFor();
      await opened.page.locator('body[data-thrown="yes"]').waitFor();
    } finally {
      await closeServer(server);
    }

    expect(opened.requests).toEqual(
      expect.arrayContaining([
        { url: `http://127.0.0.1:${closedPort}/logo.png`, method: 'GET', resourceType: 'image' },
        { url: `http://127.0.0.1:${port}/data.json`, method: 'GET', resourceType: 'fetch' },
      ]),
    );
    expect(opened.requests).toHaveLength(2);
    expect(opened.failedRequests).toEqual([
      { url: `http://127.0.0.1:${closedPort}/logo.png`, error: 'net::ERR_CONNECTION_REFUSED' },
    ]);
    expect(opened.consoleErrors).toEqual(
      expect.arrayContaining([
        'chart data missing',
        expect.stringContaining('ERR_CONNECTION_REFUSED'),
        expect.stringMatching(/^uncaught Error: late failure/),
      ]),
    );
  }, 30_000);

  it('should remove its profile directory on close', async () => {
    const file = join(dir, 'blank.html');
    writeFileSync(file, '<!doctype html><p>blank</p>');
    const page = await openInChromium(file);
    expect(existsSync(page.userDataDir)).toBe(true);

    await page.close();

    expect(existsSync(page.userDataDir)).toBe(false);
  }, 30_000);

  it('should fail, naming the install script, when the browser is missing', async () => {
    const file = join(dir, 'blank.html');
    writeFileSync(file, '<!doctype html><p>blank</p>');

    await expect(
      openInChromium(file, { executablePath: join(dir, 'no-such-chromium') }),
    ).rejects.toThrow(/is missing\): run `bash scripts\/tools\/chromium\.sh`/);
  });

  it('should fail clearly on a file that does not exist', async () => {
    await expect(openInChromium(join(dir, 'absent.html'))).rejects.toThrow(
      `openInChromium: no such file ${join(dir, 'absent.html')}`,
    );
  });
});
