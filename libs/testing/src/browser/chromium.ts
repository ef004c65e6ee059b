import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';

/** Debian's `chromium` package; scripts/tools/chromium.sh installs it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

// Headless on a machine with no network to speak of: without the background-networking flags
// Chromium keeps trying to reach Google's services (updates, field trials, sync) and fails.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Schemes a page resolves from its own memory, not over any network.
const IN_PAGE_SCHEMES = ['data:', 'blob:'];

export interface OpenInChromiumOptions {
  /** A full-page PNG of the loaded page is written here (directories are created). */
  readonly screenshotPath?: string;
  /** Navigation timeout (default 30 s). */
  readonly timeoutMs?: number;
  /** The browser binary (default {@link CHROMIUM_PATH}). */
  readonly executablePath?: string;
}

export interface BrowserRequest {
  readonly url: string;
  readonly method: string;
  /** Playwright's resource type: `fetch`, `image`, `script`, `stylesheet`, `document`... */
  readonly resourceType: string;
}

export interface FailedBrowserRequest {
  readonly url: string;
  /** Chromium's reason, e.g. `net::ERR_CONNECTION_REFUSED`. */
  readonly error: string;
}

export interface ChromiumPage {
  /** The loaded page, for assertions. */
  readonly page: Page;
  /** The URL that was opened (a local file as its `file://` URL). */
  readonly url: string;
  /** The profile directory, removed by {@link ChromiumPage.close}. */
  readonly userDataDir: string;
  /** `console.error` messages and uncaught exceptions, in order. */
  readonly consoleErrors: readonly string[];
  /**
   * Every request the page made besides loading the opened document itself, whether it
   * succeeded or not (`data:` and `blob:` URLs excluded): a self-contained file makes none.
   */
  readonly requests: readonly BrowserRequest[];
  /** The requests that failed, with Chromium's reason. */
  readonly failedRequests: readonly FailedBrowserRequest[];
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/** A path (relative to the working directory) becomes a `file://` URL; a URL is kept. */
function toUrl(fileOrUrl: string): string {
  if (/^[a-z][a-z\d+.-]+:/i.test(fileOrUrl)) return fileOrUrl;
  const path = resolve(fileOrUrl);
  if (!existsSync(path)) throw new Error(`openInChromium: no such file ${path}`);
  return pathToFileURL(path).href;
}

async function launch(executablePath: string, userDataDir: string): Promise<BrowserContext> {
  const hint =
    "run `bash scripts/tools/chromium.sh` (as root) to install Debian's chromium package";
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is not installed (${executablePath} is missing): ${hint}`);
  }
  try {
    return await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    throw new Error(
      `Chromium (${executablePath}) did not start: ${(error as Error).message}\n` +
        `If the installation is broken, ${hint}`,
      { cause: error },
    );
  }
}

/**
 * Opens a local HTML file (or a URL) in Debian's Chromium, headless, with a fresh profile, waits
 * for the `load` event and returns the page together with what went wrong on it: console errors,
 * uncaught exceptions, every request beyond the document itself, failed requests. Fails (never
 * skips) when the browser is missing. Always `close()` it (an `afterAll`/`finally`).
 */
export async function openInChromium(
  fileOrUrl: string,
  options: OpenInChromiumOptions = {},
): Promise<ChromiumPage> {
  const url = toUrl(fileOrUrl);
  const userDataDir = await mkdtemp(join(tmpdir(), 'palisade-chromium-'));
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close();
    await rm(userDataDir, { recursive: true, force: true });
  };
  try {
    context = await launch(options.executablePath ?? CHROMIUM_PATH, userDataDir);
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleErrors: string[] = [];
    const requests: BrowserRequest[] = [];
    const failedRequests: FailedBrowserRequest[] = [];
    const isOpenedDocument = (request: Request) =>
      request.isNavigationRequest() &&
      request.frame() === page.mainFrame() &&
      request.url() === url;
    // Listening on the context catches popups and workers too, not only this page.
    context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    context.on('weberror', (webError) => {
      consoleErrors.push(`uncaught ${String(webError.error())}`);
    });
    context.on('request', (request) => {
      if (isOpenedDocument(request)) return;
      if (IN_PAGE_SCHEMES.some((scheme) => request.url().startsWith(scheme))) return;
      requests.push({
        url: request.url(),
        method: request.method(),
        resourceType: request.resourceType(),
      });
    });
    context.on('requestfailed', (request) => {
      failedRequests.push({ url: request.url(), error: request.failure()?.errorText ?? 'failed' });
    });
    await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs ?? 30_000 });
    if (options.screenshotPath) {
      mkdirSync(dirname(options.screenshotPath), { recursive: true });
      await page.screenshot({ path: options.screenshotPath, fullPage: true });
    }
    return { page, url, userDataDir, consoleErrors, requests, failedRequests, close };
  } catch (error) {
    await close();
    throw error;
  }
}
