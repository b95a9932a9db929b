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

// Search: the index is fetched the first time the reader uses the search box.
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
  let index = null;
  let loading = null;
  form.hidden = false;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const load = () => {
    if (!loading) {
      loading = fetch(form.dataset.index)
        .then((r) => r.json())
        .then((records) => {
          index = records.map((r) => ({ ...r, hay: fold(r.t + " " + r.s + " " + (r.x || "")) }));
        })
        .catch(() => { status.textContent = "Search is not available."; });
    }
    return loading;
  };
  const render = () => {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    list.replaceChildren();
    if (!words.length || !index) { list.hidden = true; status.textContent = ""; return; }
    const hits = [];
    for (const r of index) {
      if (words.every((w) => r.hay.includes(w))) {
        hits.push(r);
        if (hits.length === LIMIT) break;
      }
    }
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
    status.textContent = hits.length ? `${hits.length}${hits.length === LIMIT ? "+" : ""} results` : "No results";
    if (!hits.length) {
      const li = document.createElement("li");
      li.textContent = "No results";
      list.append(li);
    }
  };
  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", () => load().then(render));
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { input.value = ""; render(); }
  });
})();
