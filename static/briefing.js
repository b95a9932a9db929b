// briefing's page script. Everything works without it; it adds the timeline filter.
(function () {
  "use strict";
  const filter = document.getElementById("actor-filter");
  if (!filter) return;
  const form = filter.closest("form");
  form.hidden = false;
  form.addEventListener("submit", (e) => e.preventDefault());
  const apply = () => {
    const id = filter.value;
    document.querySelectorAll("li.event").forEach((li) => {
      const actors = (li.dataset.actors || "").split(" ");
      li.hidden = id !== "" && !actors.includes(id);
    });
    // Days and months left with no visible event are hidden too.
    document.querySelectorAll("main section ol.events").forEach((ol) => {
      const empty = !ol.querySelector("li.event:not([hidden])");
      ol.hidden = empty;
      const heading = ol.previousElementSibling;
      if (heading && heading.tagName === "H3") heading.hidden = empty;
    });
    document.querySelectorAll("main section.month").forEach((section) => {
      section.hidden = !section.querySelector("li.event:not([hidden])");
    });
    const params = new URLSearchParams(location.search);
    if (id) params.set("actor", id); else params.delete("actor");
    const query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  };
  filter.addEventListener("change", apply);
  const initial = new URLSearchParams(location.search).get("actor");
  if (initial && [...filter.options].some((o) => o.value === initial)) {
    filter.value = initial;
    apply();
  }
})();

// Search: the index comes in chunks (see src/render/search.rs), fetched the
// first time the reader searches and then kept. A search reads them in order,
// showing hits as they come, and stops at a page of results: a name is found
// in the first chunk, and only a rare phrase makes it read the whole index.
(function () {
  "use strict";
  const form = document.querySelector("form.search");
  if (!form) return;
  const input = form.querySelector("input[type=search]");
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  const root = form.dataset.root || "";
  const labels = { actor: "Actor", article: "Article", event: "Event", quote: "Quote" };
  const LIMIT = 20;
  let chunkPaths = null;
  const chunks = [];
  // Each search has a number; an older one stops when a newer one starts.
  let current = 0;
  form.hidden = false;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const fetchJson = (url) => fetch(url).then((r) => {
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.json();
  });
  // Chunks are stored gzip-compressed (a fifth of the bytes on the host) and unpacked
  // here; a host that unpacks them itself on the way hands over plain JSON.
  const fetchChunk = (url) => fetch(url).then((r) => {
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.arrayBuffer();
  }).then((buf) => {
    const bytes = new Uint8Array(buf);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
    const plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(plain).json();
  });
  const manifest = () => {
    if (!chunkPaths) chunkPaths = fetchJson(form.dataset.index).then((m) => m.chunks);
    return chunkPaths;
  };
  const chunk = (paths, n) => {
    if (!chunks[n]) {
      chunks[n] = fetchChunk(root + paths[n]).then((records) =>
        records.map((r) => ({ ...r, hay: fold(r.t + " " + r.s + " " + (r.x || "")) })));
    }
    return chunks[n];
  };
  const show = (hits, more) => {
    list.replaceChildren();
    for (const r of hits) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = root + r.u;
      const kind = document.createElement("span");
      kind.className = "hit-kind";
      kind.textContent = labels[r.k] || r.k;
      const text = document.createElement("span");
      text.className = "hit-text";
      text.textContent = r.t;
      const sub = document.createElement("span");
      sub.className = "hit-sub";
      sub.textContent = r.s;
      a.append(kind, " ", text, " ", sub);
      li.append(a);
      list.append(li);
    }
    list.hidden = false;
    const count = `${hits.length}${hits.length === LIMIT ? "+" : ""} result${hits.length === 1 ? "" : "s"}`;
    if (more) status.textContent = hits.length ? `${count} so far, searching…` : "Searching…";
    else status.textContent = hits.length ? count : "No results";
    if (!hits.length && !more) {
      const li = document.createElement("li");
      li.textContent = "No results";
      list.append(li);
    }
  };
  const search = async () => {
    const mine = ++current;
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    if (!words.length) {
      list.replaceChildren();
      list.hidden = true;
      status.textContent = "";
      return;
    }
    const hits = [];
    try {
      const paths = await manifest();
      for (let n = 0; n < paths.length && hits.length < LIMIT; n++) {
        // The next chunk downloads while this one is searched.
        if (n + 1 < paths.length) chunk(paths, n + 1).catch(() => {});
        const records = await chunk(paths, n);
        if (mine !== current) return;
        const before = hits.length;
        for (const r of records) {
          if (words.every((w) => r.hay.includes(w))) {
            hits.push(r);
            if (hits.length === LIMIT) break;
          }
        }
        const more = hits.length < LIMIT && n + 1 < paths.length;
        if (hits.length > before || !more || n === 0) show(hits, more);
      }
      if (!paths.length) show(hits, false);
    } catch (e) {
      if (mine === current) status.textContent = "Search is not available.";
    }
  };
  input.addEventListener("focus", () => { manifest().then((paths) => paths.length && chunk(paths, 0)).catch(() => {}); }, { once: true });
  input.addEventListener("input", search);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { input.value = ""; search(); }
  });
})();
