// A reader's way through the briefing: from the overview to an actor, then the
// timeline filtered to one actor, then search when the site has it.

import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import path from "node:path";

import { Findings, note } from "./harness.mjs";
import { open } from "./browser.mjs";
import { axeViolations, sidewaysOverflow } from "./checks.mjs";

const ACTOR_PAGE = /\/actors\/[^/]+\/(index\.html)?$/;
const TIMELINE_PAGE = /\/timeline\/(index\.html)?$/;

const text = (s) => (s || "").replace(/\s+/g, " ").trim();

/**
 * Opens the overview and follows its first link to an actor page. Resolves to
 * {name, url} of the actor reached; throws when there is no actor link to follow.
 */
export async function followActor(page, baseUrl, actorCount) {
  await open(page, baseUrl);
  // Links are relative (actors/<id>/index.html): judge them by the address they resolve to.
  const anchors = page.locator("main a[href]");
  // SVG links (the network drawing) have no string `href`: resolve the attribute instead.
  const hrefs = await anchors.evaluateAll((as) =>
    as.map((a) => new URL(a.getAttribute("href"), document.baseURI).href),
  );
  const candidates = hrefs
    .map((href, i) => ({ href, link: anchors.nth(i) }))
    .filter(({ href }) => ACTOR_PAGE.test(new URL(href).pathname));
  if (!candidates.length) {
    throw new Findings("the overview has no link to an actor page, so there was nothing to follow", [
      `${baseUrl}: 0 links to actors/<id>/ in <main>; briefing.json lists ${actorCount} actor(s)`,
      "the actor extraction of this build found no actor (placeholder?): the journey cannot run",
    ]);
  }
  const { link, href } = candidates[0];
  const name = text(await link.textContent());
  await Promise.all([page.waitForURL(href), link.click()]);
  const h1s = await page.locator("h1").allTextContents();
  const problems = [];
  if (h1s.length !== 1) problems.push(`${href}: ${h1s.length} h1 elements, expected 1`);
  if (text(h1s[0]) !== name) problems.push(`${href}: h1 is "${text(h1s[0])}", the link said "${name}"`);
  if (problems.length) throw new Findings("the actor page does not show the actor's name as its h1", problems);
  return { name, url: href };
}

/**
 * From the current page, goes to the timeline by its navigation link, chooses an
 * actor (the one followed before, when the filter lists it) and checks that only
 * that actor's events stay visible, that the choice is kept in the address and
 * that choosing "every actor" shows them all again.
 */
export async function filterTimeline(page, baseUrl, preferred, eventCount) {
  await open(page, baseUrl);
  const navLinks = page.locator("header a[href]");
  const navHrefs = await navLinks.evaluateAll((as) => as.map((a) => a.href));
  const at = navHrefs.findIndex((href) => TIMELINE_PAGE.test(new URL(href).pathname));
  if (at < 0) throw new Findings("the overview's header has no link to the timeline", [`${baseUrl}: header links ${navHrefs.join(", ")}`]);
  const target = navHrefs[at];
  await Promise.all([page.waitForURL(target), navLinks.nth(at).click()]);
  await page.waitForLoadState("load");
  const select = page.locator("select#actor-filter");
  if ((await select.count()) === 0) {
    throw new Findings("the timeline has no select#actor-filter, so there was nothing to choose", [
      `${target}: no select#actor-filter; briefing.json lists ${eventCount} event(s)`,
    ]);
  }
  if (!(await select.isVisible())) {
    throw new Findings("the actor filter is not visible after the page script ran", [`${target}: select#actor-filter is hidden`]);
  }
  const options = await select.locator("option").evaluateAll((os) =>
    os.map((o) => ({ value: o.value, label: o.textContent.replace(/\s+/g, " ").trim() })),
  );
  const actors = options.filter((o) => o.value !== "");
  if (!actors.length) {
    throw new Findings("the actor filter lists no actor, so there was nothing to choose", [
      `${target}: select#actor-filter has only ${JSON.stringify(options.map((o) => o.label))}`,
    ]);
  }
  const choice = actors.find((o) => preferred && o.label.startsWith(`${preferred.name} (`)) || actors[0];
  const total = await page.locator("li.event").count();

  const state = () =>
    page.locator("li.event").evaluateAll((lis) =>
      lis.map((li) => ({
        actors: (li.dataset.actors || "").split(/\s+/).filter(Boolean),
        visible: li.checkVisibility(),
        text: li.textContent.replace(/\s+/g, " ").trim().slice(0, 80),
      })),
    );
  const problems = [];
  const expectOnly = async (id, where) => {
    const events = await state();
    const shown = events.filter((e) => e.visible);
    for (const e of events) {
      const has = e.actors.includes(id);
      if (has && !e.visible) problems.push(`${where}: an event with ${id} is hidden: "${e.text}"`);
      if (!has && e.visible) problems.push(`${where}: an event without ${id} is still visible: "${e.text}"`);
    }
    if (!shown.length) problems.push(`${where}: no event visible after choosing ${id}`);
    const claimed = /\((\d+)\)$/.exec(choice.label);
    if (claimed && Number(claimed[1]) !== shown.length) {
      problems.push(`${where}: the option says "${choice.label}" but ${shown.length} event(s) are visible`);
    }
    const emptyHeadings = await page.locator("main h2, main h3").evaluateAll((hs) =>
      hs
        .filter((h) => h.checkVisibility())
        .filter((h) => {
          const section = h.tagName === "H2" ? h.closest("section") : h.nextElementSibling;
          return section && !section.querySelector("li.event:not([hidden])");
        })
        .map((h) => h.textContent.trim()),
    );
    // Not a failure (the events are right), but worth telling: a reader sees an empty heading.
    for (const h of emptyHeadings) note(`${where}: heading "${h}" stays visible with no visible event under it`);
    return shown.length;
  };

  await select.selectOption(choice.value);
  const shown = await expectOnly(choice.value, target);
  const address = new URL(page.url());
  if (address.searchParams.get("actor") !== choice.value) {
    problems.push(`${target}: the address is ${page.url()}, expected ?actor=${choice.value}`);
  }
  // The filtered address, opened again (a shared link), must show the same events.
  await open(page, page.url());
  if ((await select.inputValue()) !== choice.value) problems.push(`${page.url()}: reopened, the filter is not set to ${choice.value}`);
  else await expectOnly(choice.value, `${page.url()} (reopened)`);
  // Back to every actor: everything shows again.
  await select.selectOption("");
  const hidden = (await state()).filter((e) => !e.visible);
  if (hidden.length) problems.push(`${target}: with "every actor", ${hidden.length} event(s) stay hidden`);
  if (problems.length) throw new Findings("the timeline's actor filter does not show exactly that actor's events", problems);
  return `chose "${choice.label}": ${shown} of ${total} events visible, URL kept ?actor=${choice.value}`;
}

/**
 * Searches the site when the overview has a search box: types the actor's name
 * (or, with no actor reached, the first article's title) and expects a visible
 * link to that page among the results, or Enter to lead there. Returns false
 * with a note when the overview has no search box.
 */
export async function search(page, baseUrl, actor, article) {
  await open(page, baseUrl);
  const box = page.locator('input[type="search"]');
  if ((await box.count()) === 0) {
    note("search: the overview has no input[type=search], search not checked");
    return false;
  }
  const wanted = actor || article;
  if (!wanted) throw new Findings("search: nothing to search for (no actor reached, no article)", []);
  if (!actor) note(`search: no actor reached, searching for the article "${article.name}" instead`);
  const input = box.first();
  if (!(await input.isVisible())) throw new Findings("the search box is not visible after the page script ran", [`${baseUrl}: input[type=search] hidden`]);
  const path = (href) => new URL(href).pathname.replace(/index\.html$/, "");
  const same = (href) => path(href) === path(wanted.url);
  await input.fill(wanted.name);
  // Results come by script (the index is fetched on first use): poll for a link.
  let found = false;
  for (let i = 0; i < 20 && !found; i++) {
    const links = await page.locator("a[href]").evaluateAll((as) => as.filter((a) => a.checkVisibility()).map((a) => new URL(a.getAttribute("href"), document.baseURI).href));
    found = links.some(same);
    if (!found) await page.waitForTimeout(150);
  }
  const problems = [];
  if (!found) problems.push(`${baseUrl}: after typing "${wanted.name}", no visible link to ${wanted.url}`);
  // The open results are a state of the page the per-type checks never see.
  for (const line of await axeViolations(page)) problems.push(`axe with the results open: ${line}`);
  const o = await sidewaysOverflow(page);
  if (o.scrollWidth > o.clientWidth) {
    problems.push(`with the results open at ${o.clientWidth} px: scrollWidth ${o.scrollWidth}; sticking out: ${o.culprits.join(" | ")}`);
  }
  await input.press("Enter");
  await page.waitForLoadState("load");
  await page.waitForTimeout(300);
  if (found && !same(page.url())) problems.push(`Enter after "${wanted.name}" led to ${page.url()}, not ${wanted.url}`);
  if (problems.length) throw new Findings(`search for "${wanted.name}" does not lead to its page`, problems);
  return `typing "${wanted.name}" listed its page; Enter led to ${page.url()}`;
}

/**
 * Types the opening words of an attributed quote of briefing.json into the search
 * box; a result must link to the quote in its article, and following it must land
 * there. Fails when the briefing has no attributed quote.
 */
export async function searchQuote(page, baseUrl, model) {
  const quote = model.quotes.find((q) => q.speaker && q.text.split(/\s+/).length >= 4);
  if (!quote) throw new Findings("search: briefing.json has no attributed quote to search for", []);
  const article = model.articles.find((a) => a.id === quote.article);
  await open(page, baseUrl);
  const input = page.locator('input[type="search"]').first();
  const words = quote.text.split(/\s+/).slice(0, 5).join(" ");
  await input.fill(words);
  const wanted = new URL(article.url).pathname.replace(/\/$/, "");
  let hit = null;
  for (let i = 0; i < 20 && !hit; i++) {
    const hrefs = await page
      .locator("#search-results a[href]")
      .evaluateAll((as) => as.filter((a) => a.checkVisibility()).map((a) => new URL(a.getAttribute("href"), document.baseURI).href));
    hit = hrefs.find((h) => new URL(h).pathname.startsWith(wanted) && new URL(h).hash.startsWith("#q"));
    if (!hit) await page.waitForTimeout(150);
  }
  if (!hit) throw new Findings(`search for "${words}" lists no link to the quote in ${article.url}`, []);
  await page.locator(`#search-results a[href$="${new URL(hit).hash}"]`).first().click();
  await page.waitForLoadState("load");
  const target = new URL(page.url()).hash.slice(1);
  const anchored = target && (await page.locator(`[id="${target}"]`).count()) === 1;
  if (!anchored) throw new Findings(`following the quote result led to ${page.url()}, which has no element #${target}`, []);
  return `typing "${words}" listed the quote; it opened ${page.url()}`;
}

/**
 * On a site whose search index has several chunks (see src/render/search.rs):
 * a name is answered from the first chunk without fetching the rest, and a
 * word found only in the last chunk is still listed. `site` is {out, baseUrl};
 * `requests` is the server's log of request paths.
 */
export async function searchChunks(page, site, requests) {
  const manifest = JSON.parse(await readFile(path.join(site.out, "search", "index.json"), "utf8"));
  const chunks = manifest.chunks;
  if (chunks.length < 3) throw new Findings(`the busy site has ${chunks.length} search chunk(s); the check needs 3 or more`, []);
  const readChunk = async (rel) => JSON.parse(gunzipSync(await readFile(path.join(site.out, rel))).toString("utf8"));
  const first = await readChunk(chunks[0]);
  const last = await readChunk(chunks.at(-1));
  const actor = first.find((r) => r.k === "actor");
  // A word of the last record that no other record has (the fixture makes one per sentence).
  const rare = last.at(-1).t.split(/\W+/).find((w) => /\d/.test(w));
  if (!actor || !rare) throw new Findings("the busy site's index has no actor first or no numbered word last", []);
  const listed = async (want) => {
    for (let i = 0; i < 40; i++) {
      const hrefs = await page
        .locator("#search-results a[href]")
        .evaluateAll((as) => as.filter((a) => a.checkVisibility()).map((a) => a.getAttribute("href")));
      if (hrefs.some((h) => h.endsWith(want))) return true;
      await page.waitForTimeout(150);
    }
    return false;
  };
  const chunkRequests = () => requests.filter((r) => /\/search\/\d+\.json\.gz$/.test(r)).length;
  await open(page, site.baseUrl);
  const input = page.locator('input[type="search"]').first();
  const before = chunkRequests();
  await input.fill(actor.t);
  const problems = [];
  if (!(await listed(actor.u))) problems.push(`typing "${actor.t}" did not list ${actor.u}`);
  const forName = chunkRequests() - before;
  // The first chunk, and the next one fetched ahead while the first is searched.
  if (forName > 2) problems.push(`a search for a name in the first chunk fetched ${forName} of ${chunks.length} chunks`);
  await input.fill(rare);
  if (!(await listed(last.at(-1).u))) problems.push(`typing "${rare}" did not list ${last.at(-1).u}, a record of the last chunk`);
  const status = await page.locator("#search-status").textContent();
  if (status.trim() !== "1 result") problems.push(`the status after the last chunk says "${status}", not "1 result"`);
  if (problems.length) throw new Findings("chunked search", problems);
  return `"${actor.t}" answered with ${forName} chunk fetch(es); "${rare}" found in chunk ${chunks.length} of ${chunks.length}`;
}
