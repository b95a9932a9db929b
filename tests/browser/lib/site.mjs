// Builds the sample site under a subpath and serves it the way GitHub Pages
// serves a project site: http://127.0.0.1:PORT/repo/..., directories answer
// with their index.html, a directory without its slash is redirected, and an
// unknown path under /repo/ gets /repo/404.html with status 404.

import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export const SUBPATH = "repo";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/** Starts the static server on a free loopback port; resolves to {server, port, requests}. */
export async function serve(dir) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname);
    const answer = async (file, status = 200) => {
      const body = await readFile(file);
      res.writeHead(status, {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    };
    try {
      let rel;
      try {
        rel = decodeURIComponent(url.pathname);
      } catch {
        rel = url.pathname;
      }
      const file = path.join(dir, path.normalize(rel));
      if (!file.startsWith(dir)) throw new Error("outside the site");
      const info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!url.pathname.endsWith("/")) {
          res.writeHead(301, { location: `${url.pathname}/${url.search}` });
          return res.end();
        }
        const index = path.join(file, "index.html");
        if (await stat(index).catch(() => null)) return await answer(index);
      } else if (info?.isFile()) {
        return await answer(file);
      }
      const notFound = path.join(dir, SUBPATH, "404.html");
      if (url.pathname.startsWith(`/${SUBPATH}/`) && (await stat(notFound).catch(() => null))) {
        return await answer(notFound, 404);
      }
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return { server, port: server.address().port, requests };
}

/** Runs `briefing build` into dir/<sub> with a base URL under the server's port. */
export function build(bin, root, dir, port, sub = SUBPATH) {
  const out = path.join(dir, sub);
  const baseUrl = `http://127.0.0.1:${port}/${sub}/`;
  const run = spawnSync(bin, ["build", "--root", root, "--output", out, "--base-url", baseUrl], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { out, baseUrl, status: run.status, stderr: run.stderr || "", error: run.error };
}

/** Every file under dir (relative paths, sorted, forward slashes). */
export async function listFiles(dir) {
  const found = [];
  const walk = async (sub) => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else found.push(rel);
    }
  };
  await walk("");
  return found.sort();
}

/**
 * Sorts the site's HTML files into page types. Returns {pages: [{type, rel, url}],
 * byType: {type: first page}} where url is the address a reader would use.
 */
export function classify(htmlFiles, baseUrl) {
  const typeOf = (rel) => {
    if (rel === "index.html") return "overview";
    if (rel === "404.html") return "404";
    if (rel === "actors/index.html") return "actors";
    if (rel === "timeline/index.html") return "timeline";
    if (/^articles\/[^/]+\/index\.html$/.test(rel)) return "article";
    if (/^actors\/[^/]+\/index\.html$/.test(rel)) return "actor";
    return "other";
  };
  const pages = htmlFiles.map((rel) => {
    const type = typeOf(rel);
    // A reader reaches 404.html by asking for a page that does not exist.
    const address = type === "404" ? "no-such-page/" : rel.replace(/index\.html$/, "");
    return { type, rel, url: new URL(address, baseUrl).href };
  });
  const byType = {};
  for (const p of pages) if (!byType[p.type]) byType[p.type] = p;
  return { pages, byType };
}

/**
 * Writes a site of `articles` short articles under root (seeds/ and site.toml),
 * each with `eventsEach` dated sentences of words of their own (reports of one
 * town that share the rest of their words on one day would be one event): a
 * site big enough for a search index of several chunks, made in a moment.
 */
export async function writeBusySite(root, articles, eventsEach) {
  const towns = ["Ashford", "Bexley", "Carlow", "Dunmore", "Elgin", "Falkirk", "Galway", "Hexham"];
  const verbs = ["approved", "rejected", "debated", "funded", "delayed", "reviewed", "cancelled",
    "extended", "audited", "postponed", "amended"];
  await mkdir(path.join(root, "seeds"), { recursive: true });
  await writeFile(path.join(root, "site.toml"), 'title = "Busy"\n');
  for (let i = 0; i < articles; i++) {
    const month = i % 2 ? "April" : "March";
    let text = `Council report number ${i}\n\n${1 + (i % 28)} ${month} 2024\n\n`;
    for (let j = 0; j < eventsEach; j++) {
      const town = towns[(i * 7 + j) % towns.length];
      const verb = verbs[j % verbs.length];
      text += `${town} ${verb} scheme${i}x${j} and budget${i}x${j} for quay${i}x${j} on ${1 + ((i + j) % 28)} ${month} 2024. `;
    }
    await writeFile(path.join(root, "seeds", `${String(i).padStart(4, "0")}.txt`), text);
  }
}
