// Headless Chromium through playwright-core (no browser download: Debian's
// /usr/bin/chromium), with a watch on every page for console errors, script
// errors, failed loads and any request that leaves 127.0.0.1.

import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

/**
 * Launches Chromium. Playwright's launch() gives it a fresh temporary
 * user-data-dir of its own, removed at close (it refuses --user-data-dir in args).
 */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
    timeout: 60_000,
  });
}

/**
 * A browser context (viewport, colour scheme) whose pages are watched. Every
 * problem is pushed to `problems` as {page, kind, text}; the page is the URL of
 * the document that was showing.
 */
export async function watchedContext(browser, { viewport = DESKTOP, colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: "reduce" });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const problems = [];
  // What the test expects to fail: the 404 page's own document answers 404 on purpose.
  const expected404 = new Set();

  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    const local = url.hostname === "127.0.0.1";
    if (!local && /^(https?|wss?|ftp):$/.test(url.protocol)) {
      const frame = route.request().frame();
      problems.push({ page: frame?.url() || "?", kind: "outside request", text: url.href });
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });

  const watch = (page) => {
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const loc = msg.location();
      // Chromium reports the deliberate 404 of the 404 page's document as a console error.
      if (/status of 404/.test(msg.text()) && expected404.has(loc?.url)) return;
      problems.push({ page: page.url(), kind: "console error", text: `${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ""}` });
    });
    page.on("pageerror", (err) => problems.push({ page: page.url(), kind: "script error", text: String(err?.stack || err) }));
    page.on("requestfailed", (req) => {
      const reason = req.failure()?.errorText || "failed";
      if (reason.includes("BLOCKED_BY_CLIENT")) return; // already reported as an outside request
      problems.push({ page: page.url(), kind: "request failed", text: `${req.url()}: ${reason}` });
    });
    page.on("response", (res) => {
      if (res.status() < 400) return;
      if (res.status() === 404 && expected404.has(res.url())) return;
      problems.push({ page: page.url(), kind: `HTTP ${res.status()}`, text: res.url() });
    });
  };
  context.on("page", watch);
  return { context, problems, expected404 };
}

/** Opens url in page and waits until it is loaded; returns the main response. */
export async function open(page, url) {
  const response = await page.goto(url, { waitUntil: "load" });
  // Deferred scripts have run at "load"; one frame more for their DOM changes to paint.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  return response;
}
