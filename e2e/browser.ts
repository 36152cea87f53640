import { chromium, type Browser, type BrowserContext, type Page, type Request, type Route } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (Playwright's own browser
 * download is not available on the build machines). Everything a spec needs
 * to know about the network goes through the RequestRecorder below, so
 * "nothing remote loaded" is a recorded fact, not a hope.
 */
export const CHROMIUM_PATH = process.env.WEBMAIL_E2E_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A second wall behind the route below: even a request Playwright could not
  // intercept (DNS prefetch, a preconnect) can only resolve loopback.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  /** The page's main frame URL, or the frame's, when the request had one. */
  frameUrl: string | null;
  /** True when the request left for somewhere other than the app (and was aborted by the route). */
  remote: boolean;
}

/** The app's own origin is the only place a request may go. */
export function isRemoteUrl(url: string, appOrigin: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return true;
  }
  // data:, blob: and about: never touch the network.
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return false;
  return u.origin !== appOrigin;
}

export class RequestRecorder {
  readonly requests: RecordedRequest[] = [];
  /** Remote requests the route aborted (a subset of `requests`, kept separately in case the event raced). */
  readonly aborted: string[] = [];

  constructor(readonly appOrigin: string) {}

  record(req: Request): void {
    let frameUrl: string | null = null;
    try {
      frameUrl = req.frame().url();
    } catch {
      // Service-worker and some navigation requests have no frame.
    }
    this.requests.push({
      url: req.url(),
      method: req.method(),
      resourceType: req.resourceType(),
      frameUrl,
      remote: isRemoteUrl(req.url(), this.appOrigin),
    });
  }

  /** Every request that tried to leave the app's origin, by URL. */
  remote(): string[] {
    return [...new Set([...this.requests.filter((r) => r.remote).map((r) => r.url), ...this.aborted])];
  }

  /** Requests whose URL matches, optionally only after a `mark()`. */
  matching(test: (url: string) => boolean, since = 0): RecordedRequest[] {
    return this.requests.slice(since).filter((r) => test(r.url));
  }

  /** A position to count from: `matching(test, recorder.mark())`. */
  mark(): number {
    return this.requests.length;
  }
}

export interface AppBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  recorder: RequestRecorder;
  /** Dialogs (alert/confirm/prompt/beforeunload) any page opened; each is dismissed. */
  dialogs: string[];
  /** Pages opened besides the first one (window.open, target=_blank links). */
  popups: Page[];
  close(): Promise<void>;
}

export interface AppBrowserOptions {
  viewport?: { width: number; height: number };
}

/**
 * One browser and context for a spec file, aimed at the app at `appUrl`
 * (https://127.0.0.1:PORT). ignoreHTTPSErrors is for the app's self-signed
 * certificate only — Playwright has no option to trust one CA — and it cannot
 * widen what is reached: every request to another origin is aborted below.
 */
export async function openAppBrowser(appUrl: string, options: AppBrowserOptions = {}): Promise<AppBrowser> {
  const appOrigin = new URL(appUrl).origin;
  const recorder = new RequestRecorder(appOrigin);
  const dialogs: string[] = [];
  const popups: Page[] = [];
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({
      baseURL: appUrl,
      ignoreHTTPSErrors: true,
      acceptDownloads: true,
      viewport: options.viewport ?? { width: 1280, height: 860 },
      serviceWorkers: 'block',
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    context.setDefaultTimeout(20_000);
    context.on('request', (req) => recorder.record(req));
    await context.route('**/*', async (route: Route) => {
      const url = route.request().url();
      if (isRemoteUrl(url, appOrigin)) {
        recorder.aborted.push(url);
        await route.abort('blockedbyclient');
        return;
      }
      await route.continue();
    });
    // WebSockets are not covered by route(); nothing remote may open one either.
    await context.routeWebSocket(/.*/, (ws) => {
      if (isRemoteUrl(ws.url().replace(/^ws/, 'http'), appOrigin)) {
        recorder.aborted.push(ws.url());
        void ws.close();
      } else {
        ws.connectToServer();
      }
    });
    const watch = (p: Page) => {
      p.on('dialog', (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss().catch(() => undefined);
      });
    };
    context.on('page', (p) => {
      watch(p);
      if (context.pages().length > 1) popups.push(p);
    });
    const page = await context.newPage();
    return {
      browser,
      context,
      page,
      recorder,
      dialogs,
      popups,
      close: async () => {
        await context.close().catch(() => undefined);
        await browser.close();
      },
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
