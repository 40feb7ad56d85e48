// talksearch's drop-in search box: one script tag on a Jekyll site binds talk search to an
// existing <input> and shows the talks found in a dropdown under it.
//
//   <script src="https://talks.example.org/widget.js" data-input="#search-input" defer></script>
//
// data-input: CSS selector of the input (default: the page's first input[type=search]);
// data-server: talksearch's base URL (default: where this script was loaded from);
// data-limit: talks shown (default 8). Links go to the talk in its post, on the site itself.
"use strict";
(() => {
  const script = document.currentScript;
  const config = (script && script.dataset) || {};
  const server = (config.server || (script && new URL(script.src, location.href).origin) || "").replace(/\/+$/, "");
  const limit = Math.min(Math.max(parseInt(config.limit, 10) || 8, 1), 20);
  const DEBOUNCE_MS = 150;

  const css = `
.talksearch-box{position:absolute;z-index:2147483000;background:#fff;color:#1d2433;border:1px solid #d9dee8;border-radius:8px;
box-shadow:0 8px 24px rgba(0,0,0,.15);max-height:70vh;overflow:auto;font:15px/1.45 system-ui,sans-serif;text-align:left}
.talksearch-box ul{list-style:none;margin:0;padding:4px 0}
.talksearch-box li a.talksearch-talk{display:block;padding:8px 12px 2px;color:inherit;text-decoration:none}
.talksearch-box li a.talksearch-talk[aria-selected=true],.talksearch-box li a.talksearch-talk:hover{background:#eef3fd}
.talksearch-title{font-weight:600;color:#2457c5}
.talksearch-meta{color:#5b6475;font-size:13px;padding:0 12px 8px}
.talksearch-meta a{color:inherit}
.talksearch-note{padding:8px 12px;color:#5b6475}
.talksearch-box mark{background:#fff1a8;color:inherit}`;

  function start() {
    const input = document.querySelector(config.input || 'input[type="search"]');
    if (!input) {
      console.warn(`talksearch widget: no input matches ${config.input || 'input[type="search"]'}`);
      return;
    }
    const style = document.createElement("style");
    style.textContent = css;
    document.head.append(style);
    const box = document.createElement("div");
    box.className = "talksearch-box";
    box.id = "talksearch-results";
    box.setAttribute("role", "listbox");
    box.hidden = true;
    document.body.append(box);
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-controls", box.id);
    input.setAttribute("aria-expanded", "false");

    let timer = 0;
    let pending = null;
    let links = [];
    let active = -1;

    const place = () => {
      const r = input.getBoundingClientRect();
      box.style.left = `${r.left + scrollX}px`;
      box.style.top = `${r.bottom + scrollY + 4}px`;
      box.style.width = `${Math.max(r.width, 320)}px`;
    };
    const close = () => {
      box.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    };
    const open = () => {
      place();
      box.hidden = false;
      input.setAttribute("aria-expanded", "true");
    };
    const note = (text) => {
      const p = document.createElement("div");
      p.className = "talksearch-note";
      p.textContent = text;
      box.replaceChildren(p);
      links = [];
      open();
    };
    // A hit is a link to follow: only a web address (http:, https:) or one of this site is.
    const safeHref = (url) => {
      try {
        const u = new URL(String(url), location.href);
        return u.protocol === "http:" || u.protocol === "https:" ? String(url) : null;
      } catch {
        return null;
      }
    };
    // Only the server's <mark> tags are kept; everything else is text.
    const marked = (node, html) => {
      node.innerHTML = String(html || "")
        .split(/(<\/?mark>)/)
        .map((part, i) => (i % 2 ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
        .join("");
      return node;
    };
    const select = (i) => {
      active = i;
      links.forEach((a, k) => a.setAttribute("aria-selected", String(k === i)));
      if (links[i]) links[i].scrollIntoView({ block: "nearest" });
    };

    // Who each speaker id is (name and other names), from /speakers, asked once.
    let people = null;
    const whoIs = async () => {
      if (people) return people;
      people = new Map();
      try {
        const response = await fetch(`${server}/speakers`);
        if (response.ok) for (const p of (await response.json()).speakers) people.set(p.id, p);
      } catch {
        // Without it, speakers show as the post writes them.
      }
      return people;
    };

    async function run() {
      const q = input.value.trim();
      if (pending) pending.abort();
      if (!q) return close();
      const controller = (pending = new AbortController());
      let body;
      try {
        const response = await fetch(`${server}/search?q=${encodeURIComponent(q)}&limit=${limit}`, { signal: controller.signal });
        body = await response.json().catch(() => null);
        if (!response.ok) throw new Error((body && body.error && body.error.message) || `search answered ${response.status}`);
      } catch (e) {
        if (e.name !== "AbortError" && controller === pending) note(`Search is unavailable: ${e.message}`);
        return;
      }
      const known = await whoIs();
      if (controller !== pending) return;
      const hits = body.hits.filter((hit) => safeHref(hit.link));
      if (!hits.length) return note(`No talks found for “${q}”.`);
      const ul = document.createElement("ul");
      links = hits.map((hit) => {
        const a = document.createElement("a");
        a.className = "talksearch-talk";
        a.href = safeHref(hit.link);
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        const title = marked(document.createElement("div"), hit.title_html);
        title.className = "talksearch-title";
        a.append(title);
        const meta = document.createElement("div");
        meta.className = "talksearch-meta";
        // Each speaker links to their talks on the search page, by who they are (their id).
        hit.speakers.forEach((name, i) => {
          if (i) meta.append(", ");
          const id = (hit.speaker_ids && hit.speaker_ids[i]) || name;
          const who = document.createElement("a");
          who.href = `${server}/?speaker=${encodeURIComponent(id)}`;
          who.textContent = name;
          // The person's full name and the other names the posts give them.
          const person = known.get(id);
          if (person) who.title = [person.name, ...person.aliases].filter((n, k, all) => all.indexOf(n) === k).join(", ");
          meta.append(who);
        });
        // A post's own text is shown as the post: its title is already the title above.
        const where = hit.kind === "post" ? "in the post" : hit.post.title;
        const rest = [where, hit.post.date].filter(Boolean).join(" · ");
        meta.append(hit.speakers.length ? ` · ${rest}` : rest);
        const li = document.createElement("li");
        li.append(a, meta);
        ul.append(li);
        return a;
      });
      box.replaceChildren(ul);
      active = -1;
      open();
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", (e) => {
      if (box.hidden) return;
      if (e.key === "ArrowDown" && links.length) {
        e.preventDefault();
        select((active + 1) % links.length);
      } else if (e.key === "ArrowUp" && links.length) {
        e.preventDefault();
        select(active <= 0 ? links.length - 1 : active - 1);
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        location.href = links[active].href;
      } else if (e.key === "Escape") {
        close();
      }
    });
    // The site's own search form must not submit to its old search while the box is used.
    if (input.form) input.form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); run(); });
    document.addEventListener("click", (e) => {
      if (e.target !== input && !box.contains(e.target)) close();
    });
    addEventListener("resize", () => { if (!box.hidden) place(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
