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
