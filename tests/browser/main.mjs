// Tests the built briefing as a person would, in headless Chromium, with real
// checkers. Run through run.sh (which installs what is missing). Usage:
//   node main.mjs [--screenshots]
// Environment: BRIEFING_BIN (default <repo>/target/release/briefing), CHROMIUM.

import { cp, mkdtemp, mkdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { check, Findings, note, summary } from "./lib/harness.mjs";
import { SUBPATH, build, classify, listFiles, serve, writeBusySite } from "./lib/site.mjs";
import { formatVnu, runVnu } from "./lib/vnu.mjs";
import { DESKTOP, PHONE, launch, open, watchedContext } from "./lib/browser.mjs";
import { axeViolations, sidewaysOverflow } from "./lib/checks.mjs";
import { filterTimeline, followActor, search, searchChunks, searchQuote } from "./lib/journey.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const BIN = process.env.BRIEFING_BIN || path.join(ROOT, "target", "release", "briefing");
const SHOTS = process.argv.includes("--screenshots");
// --site DIR: check a site already built (relative links) instead of building
// the sample; the self-test uses it on selftest/site with the repo's static/.
const SITE = process.argv.includes("--site") ? path.resolve(process.argv[process.argv.indexOf("--site") + 1]) : null;
const TYPES = ["overview", "article", "actors", "actor", "timeline", "404"];

const tmp = await mkdtemp(path.join(os.tmpdir(), "briefing-browser-"));
const { server, port, requests } = await serve(tmp);
let browser;
try {
  await run();
} finally {
  await browser?.close().catch(() => {});
  server.close();
  await rm(tmp, { recursive: true, force: true });
}
process.exit(summary());

/** Copies a prebuilt site to dir/repo, with the repo's static/ where it has none. */
async function copySite(from, dir, port) {
  const out = path.join(dir, SUBPATH);
  await cp(path.join(ROOT, "static"), path.join(out, "static"), { recursive: true });
  await cp(from, out, { recursive: true });
  return { out, baseUrl: `http://127.0.0.1:${port}/${SUBPATH}/`, status: 0, stderr: "" };
}

async function run() {
  // 1. The sample site, under a subpath as GitHub Pages serves a project site.
  let site;
  await check(SITE ? `serve ${path.relative(ROOT, SITE)} under /repo/` : "build the sample site under /repo/", async () => {
    const b = SITE ? await copySite(SITE, tmp, port) : build(BIN, ROOT, tmp, port);
    if (b.error || b.status !== 0) {
      throw new Findings(`briefing build failed (exit ${b.status})`, [String(b.error || ""), ...b.stderr.split("\n").slice(-20)]);
    }
    const files = await listFiles(b.out);
    const model = JSON.parse(await readFile(path.join(b.out, "briefing.json"), "utf8"));
    site = { ...b, files, model, ...classify(files.filter((f) => f.endsWith(".html")), b.baseUrl) };
    return `${site.pages.length} HTML pages, ${model.articles.length} articles, ${model.actors.length} actors, ${model.events.length} events at ${b.baseUrl}`;
  });
  if (!site) return;
  for (const type of TYPES) {
    if (!site.byType[type]) note(`the built site has no ${type} page: every check of that page type fails`);
  }

  // 2. The Nu HTML checker over every page: errors fail, warnings are shown.
  await check(`vnu: ${site.pages.length} HTML pages have no error`, async () => {
    const files = site.pages.map((p) => path.join(site.out, p.rel));
    const { errors, warnings } = runVnu(files, site.out);
    for (const w of warnings) note(`vnu warning: ${formatVnu(w)}`);
    if (errors.length) throw new Findings(`${errors.length} vnu error(s)`, errors.map(formatVnu));
    return `${warnings.length} warning(s)`;
  });

  await check("launch headless Chromium", async () => {
    browser = await launch();
    return `Chromium ${browser.version()}`;
  });
  if (!browser) return;

  const light = await watchedContext(browser, { viewport: DESKTOP, colorScheme: "light" });
  const dark = await watchedContext(browser, { viewport: DESKTOP, colorScheme: "dark" });
  const phone = await watchedContext(browser, { viewport: PHONE, colorScheme: "light" });
  const watched = [light, dark, phone];
  const notFound = site.byType["404"];
  if (notFound) for (const w of watched) w.expected404.add(notFound.url);

  // 3. axe-core on one page of every type, light and dark (contrast differs).
  for (const type of TYPES) {
    for (const [scheme, w] of [["light", light], ["dark", dark]]) {
      await check(`axe: ${type} page (${scheme})`, async () => {
        const p = site.byType[type];
        if (!p) throw new Findings(`no ${type} page in the built site to check`, []);
        const page = await w.context.newPage();
        try {
          const res = await open(page, p.url);
          if (type === "404" && res?.status() !== 404) throw new Findings(`${p.url} answered ${res?.status()}, expected 404 with 404.html`, []);
          const lines = await axeViolations(page);
          if (lines.length) throw new Findings(`${lines.length} axe violation(s) on ${p.url}`, lines);
          return p.url;
        } finally {
          await page.close();
        }
      });
    }
  }

  // 4. The journey: overview -> actor page -> timeline filtered to that actor -> search.
  let actor;
  {
    const page = await light.context.newPage();
    await check("journey: follow an actor from the overview; its page shows the name as h1", async () => {
      actor = await followActor(page, site.baseUrl, site.model.actors.length);
      return `"${actor.name}" at ${actor.url}`;
    });
    await check("journey: the timeline's actor filter leaves only that actor's events", () =>
      filterTimeline(page, site.baseUrl, actor, site.model.events.length),
    );
    const first = site.model.articles[0];
    const article = first && { name: first.title, url: new URL(first.url, site.baseUrl).href };
    await check("journey: search finds the page (only when the site has input[type=search])", async () => {
      return (await search(page, site.baseUrl, actor, article)) || "no search box, nothing checked";
    });
    await check("journey: search finds a quote and opens its article at the quote", () =>
      searchQuote(page, site.baseUrl, site.model),
    );
    if (!SITE) {
      await check("journey: on a site of 500 articles, search reads its index chunk by chunk", async () => {
        const root = path.join(tmp, "busy-src");
        await writeBusySite(root, 500, 10);
        const b = build(BIN, root, tmp, port, "busy");
        if (b.error || b.status !== 0) throw new Findings(`briefing build of the busy site failed (exit ${b.status})`, b.stderr.split("\n").slice(-20));
        return searchChunks(page, b, requests);
      });
      await check("journey: a briefing of saved pages and feeds shows an article's title, day and every source", async () => {
        const root = path.join(tmp, "web-src");
        await cp(path.join(ROOT, "tests", "sites", "web"), root, { recursive: true });
        const b = build(BIN, root, tmp, port, "web");
        if (b.error || b.status !== 0) throw new Findings(`briefing build of the web fixture failed (exit ${b.status})`, b.stderr.split("\n").slice(-20));
        const model = JSON.parse(await readFile(path.join(b.out, "briefing.json"), "utf8"));
        const story = model.articles.find((a) => a.copies?.length);
        if (!story) throw new Findings("no article lists the copies of its story", model.articles.map((a) => a.title));
        await open(page, new URL(story.url, b.baseUrl).href);
        const seen = await page.evaluate(() => ({
          h1: document.querySelector("main h1")?.textContent.trim(),
          day: document.querySelector(".meta time")?.getAttribute("datetime"),
          links: [...document.querySelectorAll(".meta a")].map((a) => [a.textContent.trim(), a.href]),
        }));
        const problems = [];
        if (seen.h1 !== story.title) problems.push(`h1 "${seen.h1}", expected "${story.title}"`);
        if (seen.day !== story.date) problems.push(`date ${seen.day}, expected ${story.date}`);
        const want = [["original", "https://courier.example.org/2024/03/12/harbour-fire"], ...story.copies.map((c) => [c.source, c.url])];
        for (const [text, href] of want) {
          if (!seen.links.some(([t, h]) => t === text && h === href)) problems.push(`no link "${text}" to ${href}; links: ${JSON.stringify(seen.links)}`);
        }
        problems.push(...(await axeViolations(page)));
        const { errors } = runVnu([path.join(b.out, "articles", story.id, "index.html")], b.out);
        problems.push(...errors.map(formatVnu));
        if (problems.length) throw new Findings(`${problems.length} problem(s) on ${story.url}`, problems);
        return `"${story.title}", ${story.date}, also published by ${story.copies.map((c) => c.source).join(", ")}`;
      });
    }
    const small = await phone.context.newPage();
    await check("journey at 375 px: search results fit the phone screen (only with input[type=search])", async () => {
      return (await search(small, site.baseUrl, actor, article)) || "no search box, nothing checked";
    });
    await small.close();
    await page.close();
  }

  // 5. At 375 px nothing scrolls sideways, on every page (grouped by type).
  {
    const page = await phone.context.newPage();
    for (const type of [...TYPES, "other"]) {
      const pages = site.pages.filter((p) => p.type === type);
      if (!pages.length && type === "other") continue;
      await check(`375 px: no sideways scrolling on ${type} pages (${pages.length})`, async () => {
        if (!pages.length) throw new Findings(`no ${type} page in the built site to check`, []);
        const problems = [];
        for (const p of pages) {
          await open(page, p.url);
          const o = await sidewaysOverflow(page);
          if (o.scrollWidth > o.clientWidth) {
            problems.push(`${p.url}: scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth}; sticking out: ${o.culprits.join(" | ") || "?"}`);
          }
        }
        if (problems.length) throw new Findings(`${problems.length} page(s) scroll sideways at 375 px`, problems);
      });
    }
    await page.close();
  }

  // 6. Every page, on the desktop too: no console error, no request off 127.0.0.1.
  {
    const page = await light.context.newPage();
    for (const p of site.pages) await open(page, p.url).catch((err) => light.problems.push({ page: p.url, kind: "navigation", text: String(err) }));
    await page.close();
  }

  // 7. Screenshots (only when asked, so CI leaves the tree clean).
  if (SHOTS) await screenshots(actor);

  await check(`no console error, no failed load, no request outside 127.0.0.1 (${site.pages.length} pages, 3 contexts)`, async () => {
    const all = watched.flatMap((w) => w.problems);
    const seen = new Set();
    const lines = [];
    for (const p of all) {
      const line = `${p.page}: ${p.kind}: ${p.text}`;
      if (!seen.has(line)) lines.push(line), seen.add(line);
    }
    if (lines.length) throw new Findings(`${lines.length} problem(s)`, lines);
  });

  async function screenshots(followed) {
    const dir = path.join(ROOT, "docs", "screenshots");
    await mkdir(dir, { recursive: true });
    const actorUrl = followed?.url || site.byType.actor?.url;
    const targets = [
      ["overview", site.byType.overview?.url],
      ["actor", actorUrl],
      ["timeline", site.byType.timeline?.url],
    ];
    await check("screenshots: overview, an actor, the timeline; light and dark; 1280 and 375 px", async () => {
      const missing = [];
      let saved = 0;
      for (const scheme of ["light", "dark"]) {
        for (const viewport of [DESKTOP, PHONE]) {
          const w = await watchedContext(browser, { viewport, colorScheme: scheme });
          watched.push(w);
          const page = await w.context.newPage();
          for (const [name, url] of targets) {
            if (!url) {
              missing.push(`${name}-${scheme}-${viewport.width}.png: no ${name} page in the built site`);
              continue;
            }
            await open(page, url);
            // Long pages are cut at 4000 px: enough to judge, small enough to commit.
            const height = Math.min(4000, await page.evaluate(() => document.scrollingElement.scrollHeight));
            const file = path.join(dir, `${name}-${scheme}-${viewport.width}.png`);
            await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height } });
            saved += 1;
          }
          await w.context.close();
        }
      }
      if (missing.length) throw new Findings(`${missing.length} screenshot(s) not taken`, missing);
      return `${saved} PNG files in docs/screenshots/`;
    });
  }
}
