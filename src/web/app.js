// The search page served at `/`: searches as you type, completes from /suggest, narrows by
// kind, year and speaker, pages with "load more", and keeps the query in the URL so a search
// can be shared. Plain script, no build step: the binary embeds this file as it is.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const input = $("q");
  const form = $("search-form");
  const list = $("suggestions");
  const results = $("results");
  const summary = $("summary");
  const more = $("more");
  const filters = $("filters");
  const PAGE = 10;
  const DEBOUNCE_MS = 150;
  const FILTERS = ["kind", "year", "speaker"];

  const state = { q: "", kind: "", year: "", speaker: "", offset: 0, shown: 0 };
  let searching = null; // AbortController of the search in flight
  let suggesting = null; // and of the suggestions
  let timer = 0;
  let options = []; // suggestions shown
  let active = -1; // index of the highlighted suggestion

  // --- URL ---------------------------------------------------------------------------------
  function readUrl() {
    const p = new URLSearchParams(location.search);
    state.q = p.get("q") || "";
    for (const f of FILTERS) state[f] = p.get(f) || "";
  }

  function writeUrl() {
    const p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    for (const f of FILTERS) if (state[f]) p.set(f, state[f]);
    const query = p.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  }

  // --- Building elements (text is always set as text) ----------------------------------------
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  // The server escapes titles and snippets and adds only <mark>; anything else that looks like
  // a tag is escaped again here, so a fault on one side cannot inject markup.
  function marked(tag, html, attrs = {}) {
    const node = el(tag, attrs);
    node.innerHTML = String(html || "")
      .split(/(<\/?mark>)/)
      .map((part, i) => (i % 2 ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
      .join("");
    return node;
  }

  // A link from an answer is rendered only as a web address (http:, https:) or one of this
  // site. The server keeps no other scheme; the page refuses them again, so that a fault on one
  // side cannot put script behind a click.
  function safeHref(url) {
    try {
      const u = new URL(String(url), location.href);
      return u.protocol === "http:" || u.protocol === "https:" ? String(url) : null;
    } catch {
      return null;
    }
  }

  function youtubeId(url) {
    const m = /(?:[?&]v=|youtu\.be\/|\/embed\/|\/shorts\/)([\w-]{11})/.exec(url);
    return m ? m[1] : null;
  }

  // --- Searching ---------------------------------------------------------------------------
  function hasFilter() {
    return FILTERS.some((f) => state[f]);
  }

  async function search(append = false) {
    if (searching) searching.abort();
    if (!append) state.offset = 0;
    writeUrl();
    if (!state.q.trim() && !hasFilter()) {
      searching = null;
      results.replaceChildren();
      filters.replaceChildren();
      more.hidden = true;
      setSummary("Type a topic, a talk title or a speaker's name: results appear as you type.");
      return;
    }
    const controller = (searching = new AbortController());
    const p = new URLSearchParams({ limit: PAGE, offset: state.offset, facets: "kind,year" });
    if (state.q.trim()) p.set("q", state.q);
    for (const f of FILTERS) if (state[f]) p.set(f, state[f]);
    let body;
    try {
      const response = await fetch(`/search?${p}`, { signal: controller.signal });
      body = await response.json().catch(() => null);
      if (!response.ok) {
        throw new Error((body && body.error && body.error.message) || `the server answered ${response.status}`);
      }
    } catch (e) {
      if (e.name === "AbortError") return;
      if (controller === searching) setSummary(`Search failed: ${e.message}`, true);
      return;
    }
    if (controller !== searching) return; // a newer search has started
    render(body, append);
  }

  function setSummary(text, error = false) {
    summary.textContent = text;
    summary.classList.toggle("error", error);
  }

  function render(body, append) {
    if (!append) {
      results.replaceChildren();
      state.shown = 0;
    }
    for (const hit of body.hits) results.append(renderHit(hit));
    state.shown += body.hits.length;
    renderFilters(body.facets || {});
    const what = state.q.trim() ? ` for “${state.q.trim()}”` : "";
    if (body.total === 0) {
      setSummary(
        `No talks found${what}. Check the spelling, try fewer or other words` +
          (hasFilter() ? ", or remove a filter." : "."),
      );
    } else {
      // Posts are found by their own text too; "talks" only when a kind of talk is chosen.
      const talksOnly = state.kind && state.kind !== "post";
      const noun = talksOnly ? ["talk", "talks"] : ["result", "results"];
      setSummary(`${body.total} ${noun[body.total === 1 ? 0 : 1]}${what}`);
    }
    more.hidden = state.shown >= body.total;
  }

  function renderHit(hit) {
    const speakers = [];
    hit.speakers.forEach((name, i) => {
      if (i) speakers.push(", ");
      // A speaker is a person: the link filters by their id, whatever name this post gives them.
      const id = (hit.speaker_ids && hit.speaker_ids[i]) || name;
      const url = `/?speaker=${encodeURIComponent(id)}`;
      speakers.push(
        el("a", { href: url, class: "speaker", "data-id": id, onclick: (e) => { e.preventDefault(); setFilter("speaker", id); } }, name),
      );
    });
    const meta = el("p", { class: "meta" });
    const date = () => (hit.post.date ? [" · ", el("time", { datetime: hit.post.date }, hit.post.date)] : []);
    if (hit.kind === "post") {
      // Text of the post that no talk holds: the title is the post's, the link its passage.
      meta.append(el("span", { class: "kind" }, "in the post"), ...date());
    } else {
      if (speakers.length) meta.append(...speakers, " · ");
      meta.append(el("span", { class: "kind" }, hit.kind), ...date());
      const post = safeHref(hit.link);
      meta.append(" · in ", post ? el("a", { href: post, class: "post" }, hit.post.title) : hit.post.title);
    }

    const videos = hit.video.map(safeHref).filter(Boolean);
    const slides = hit.slides.map(safeHref).filter(Boolean);
    const links = el("p", { class: "links" });
    videos.forEach((v, i) => links.append(el("a", { href: v, class: "video" }, videos.length > 1 ? `Video ${i + 1}` : "Video")));
    slides.forEach((s, i) => links.append(el("a", { href: s, class: "slides" }, slides.length > 1 ? `Slides ${i + 1}` : "Slides")));

    const video = videos.map(youtubeId).find(Boolean);
    const thumb = video
      ? el(
          "a",
          { href: videos[videos.map(youtubeId).indexOf(video)], class: "thumb", "aria-label": `Watch ${hit.title}` },
          el("img", {
            src: `https://i.ytimg.com/vi/${video}/mqdefault.jpg`,
            alt: "",
            loading: "lazy",
            // Offline, or the video is gone: no broken-image box.
            onerror: (e) => e.target.parentElement.remove(),
          }),
        )
      : null;
    return el(
      "li",
      { class: "hit", "data-id": hit.id },
      el(
        "div",
        { class: "body" },
        el("h2", {}, marked(safeHref(hit.link) ? "a" : "span", hit.title_html, safeHref(hit.link) ? { href: hit.link } : {})),
        meta,
        marked("p", hit.snippet, { class: "snippet" }),
        links.childElementCount ? links : null,
      ),
      thumb,
    );
  }

  function renderFilters(facets) {
    lastFacets = facets;
    const chips = [];
    const chip = (name, value, label, count) => {
      const on = state[name] === value;
      return el(
        "button",
        { type: "button", class: "chip", "aria-pressed": String(on), "data-filter": name, "data-value": value,
          onclick: () => setFilter(name, on ? "" : value) },
        label,
        count != null && !on ? el("span", { class: "count" }, String(count)) : null,
      );
    };
    if (state.speaker) {
      // The person's name and the other names the posts give them, once /speakers/{id} says.
      const p = people.get(state.speaker);
      const label = p ? `Speaker: ${p.name}${p.aliases.length ? ` (also ${p.aliases.join(", ")})` : ""} ✕` : `Speaker: ${state.speaker} ✕`;
      chips.push(chip("speaker", state.speaker, label));
      if (!p) lookUpPerson(state.speaker);
    }
    for (const name of ["kind", "year"]) {
      const values = facets[name] || [];
      if (state[name] && !values.some((v) => v.value === state[name])) values.unshift({ value: state[name] });
      const shown = name === "year" ? values.slice().sort((a, b) => b.value.localeCompare(a.value)) : values;
      if (shown.length > 1 || state[name]) for (const v of shown) chips.push(chip(name, v.value, v.value, v.count));
    }
    filters.replaceChildren(...chips);
  }

  // Who a speaker filter is: id → {name, aliases}, from /speakers/{id}; null while asked, or
  // when it is no one person (a word of a name filters by words).
  const people = new Map();
  let lastFacets = {};
  async function lookUpPerson(id) {
    if (people.has(id)) return;
    people.set(id, null);
    try {
      const response = await fetch(`/speakers/${encodeURIComponent(id)}`);
      if (!response.ok) return;
      const body = await response.json();
      people.set(id, { name: String(body.name), aliases: (body.aliases || []).map(String) });
      if (state.speaker === id) renderFilters(lastFacets);
    } catch {
      // Offline or refused: the chip keeps what the URL says.
    }
  }

  function setFilter(name, value) {
    state[name] = value;
    search();
    input.focus();
  }

  // --- Suggestions -------------------------------------------------------------------------
  async function suggest() {
    if (suggesting) suggesting.abort();
    const q = state.q.trim();
    if (!q) return closeSuggestions();
    const controller = (suggesting = new AbortController());
    try {
      const response = await fetch(`/suggest?q=${encodeURIComponent(q)}`, { signal: controller.signal });
      if (!response.ok) return closeSuggestions();
      const body = await response.json();
      if (controller !== suggesting || document.activeElement !== input) return;
      showSuggestions(body.suggestions.filter((s) => s.text.toLowerCase() !== q.toLowerCase()));
    } catch (e) {
      if (e.name !== "AbortError") closeSuggestions();
    }
  }

  function showSuggestions(items) {
    options = items;
    active = -1;
    list.replaceChildren(
      ...items.map((s, i) =>
        el(
          "li",
          { id: `suggestion-${i}`, role: "option", "aria-selected": "false",
            onmousedown: (e) => { e.preventDefault(); choose(i); } },
          el("span", {}, s.text),
          el("span", { class: "what" }, s.kind === "speaker" ? "speaker" : `${s.talks} ${s.talks === 1 ? "talk" : "talks"}`),
        ),
      ),
    );
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", String(items.length > 0));
    input.removeAttribute("aria-activedescendant");
  }

  function closeSuggestions() {
    if (suggesting) suggesting.abort();
    options = [];
    active = -1;
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(i) {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute("aria-selected", String(k === i)));
    if (i >= 0) input.setAttribute("aria-activedescendant", `suggestion-${i}`);
    else input.removeAttribute("aria-activedescendant");
  }

  function choose(i) {
    const s = options[i];
    closeSuggestions();
    if (!s) return;
    if (s.kind === "speaker") {
      state.q = "";
      input.value = "";
      state.speaker = s.text;
    } else {
      state.q = s.text;
      input.value = s.text;
    }
    clearTimeout(timer);
    search();
  }

  // --- Events ------------------------------------------------------------------------------
  input.addEventListener("input", () => {
    state.q = input.value;
    clearTimeout(timer);
    timer = setTimeout(() => {
      search();
      suggest();
    }, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (e) => {
    const open = !list.hidden && options.length > 0;
    if (e.key === "ArrowDown" && open) {
      e.preventDefault();
      highlight((active + 1) % options.length);
    } else if (e.key === "ArrowUp" && open) {
      e.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (e.key === "Enter" && open && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === "Escape") {
      if (open) closeSuggestions();
      else {
        input.value = "";
        state.q = "";
        search();
      }
      e.preventDefault();
    }
  });

  input.addEventListener("blur", () => setTimeout(closeSuggestions, 100));

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    closeSuggestions();
    clearTimeout(timer);
    state.q = input.value;
    search();
  });

  more.addEventListener("click", () => {
    state.offset = state.shown;
    search(true);
  });

  readUrl();
  input.value = state.q;
  search();
})();
