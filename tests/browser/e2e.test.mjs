// The search page and the widget as a person uses them, in headless Chromium, against a real
// `talksearch serve` on posts written here. Run by tests/browser.rs (cargo test), which passes
// TALKSEARCH_BIN and CHROMIUM; by hand: `node --test tests/browser/` with both set.
// With SCREENSHOT=path, also saves a picture of the page with results.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const bin = process.env.TALKSEARCH_BIN;
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
let dir, server, site, browser, base, siteBase;

function post(name, title, date, talks) {
  const body = talks.map((t, i) => `${i + 1}. ${t}`).join("\n");
  writeFileSync(join(dir, "posts", name), `---\ntitle: ${title}\ndate: ${date}\n---\nThe agenda:\n\n${body}\n`);
}

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

before(async () => {
  assert.ok(bin, "TALKSEARCH_BIN must name the talksearch binary");
  dir = mkdtempSync(join(tmpdir(), "talksearch-browser-"));
  mkdirSync(join(dir, "posts"));
  writeFileSync(
    join(dir, "posts", "2017-05-20-kernel.md"),
    "---\ntitle: Journey to the Kernel\ndate: 2017-05-20\n---\n" +
      "The *first* talk was by Rivas Hameed on **Garbage Collector in Python**, from reference counts to cycles.\n\n" +
      "[![gc](http://img.youtube.com/vi/_YRHkn-f24k/2.jpg)](https://www.youtube.com/watch?v=_YRHkn-f24k)\n\n" +
      "The *second* talk was by Sasidhar on **How Import Works in Python**. [Slides](https://example.org/import-slides)\n",
  );
  writeFileSync(
    join(dir, "posts", "2016-11-05-autumn.md"),
    "---\ntitle: Autumn evening\ndate: 2016-11-05\n---\nWe met in the Banyan Room of the old observatory.\n\n" +
      "The *first* talk was by Lena Ortiz on **Writing Rust Macros**.\n",
  );
  // Links that would run script, the ways a post can carry them: front matter, Markdown, HTML.
  writeFileSync(
    join(dir, "posts", "2016-03-12-spring.md"),
    "---\ntitle: Spring evening\ndate: 2016-03-12\ntalks:\n  - title: Tidepool sensors\n    speakers: [Nora Quist]\n" +
      "    video: \"JaVaScRiPt:alert(1)\"\n    slides: [\"data:text/html,<script>alert(2)</script>\", \"vbscript:msgbox(3)\", \"tidepool.pdf\"]\n---\n" +
      "Notes on the tidepool evening: [slides](javascript:alert(4)) and <a href=\" javascript:alert(5)\">video</a>.\n",
  );
  post("2018-02-17-feb.md", "February talks", "2018-02-17", [
    "Django at scale - Meera Krishnan",
    "Workshop: Testing with pytest - Asha Pillai",
    "Async IO in practice - Vikram Das",
  ]);
  // One person written two ways: a first name linked to a profile, and the blog's one full name
  // that starts with it.
  writeFileSync(
    join(dir, "posts", "2015-04-11-april.md"),
    "---\ntitle: April talks\ndate: 2015-04-11\n---\n## Talks\n\n1. Pandas tricks - [Meera](https://github.com/meerak)\n",
  );
  // Enough Python talks to need a second page.
  for (let k = 0; k < 3; k++) {
    post(`2019-0${k + 1}-10-meetup.md`, `Meetup ${k + 1} of 2019`, `2019-0${k + 1}-10`, [
      `Python packaging part ${k + 1} - Omar Said`,
      `Python typing tour ${k + 1} - Lina Park`,
      `Python profiling clinic ${k + 1} - Ravi Menon`,
      `Python web scraping ${k + 1} - Meera Krishnan`,
    ]);
  }
  const port = await freePort();
  const sitePort = await freePort();
  base = `http://127.0.0.1:${port}`;
  siteBase = `http://127.0.0.1:${sitePort}`;
  server = spawn(
    bin,
    ["serve", "--posts", join(dir, "posts"), "--index", join(dir, "index"), "--addr", `127.0.0.1:${port}`,
      "--no-watch", "--cors-origin", siteBase],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  // A page of "the Jekyll site", on another origin, with its own search input and the widget.
  site = createServer((req, res) => {
    if (req.url === "/") {
      res.setHeader("content-type", "text/html");
      res.end(`<!doctype html><html><head><title>Meetup blog</title></head><body>
        <form action="/search.html"><input id="site-search" type="search" placeholder="Search"></form>
        <script src="${base}/widget.js" data-input="#site-search" defer></script></body></html>`);
    } else {
      res.statusCode = 404;
      res.end("not here");
    }
  });
  await new Promise((r) => site.listen(sitePort, "127.0.0.1", r));
  await waitFor(`${base}/healthz`);
  browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
  if (site) site.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function page(path = "/") {
  const p = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await p.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort()); // no network beyond loopback
  // Anything the page's Content-Security-Policy blocks is a fault of the page.
  p.blocked = [];
  p.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) p.blocked.push(m.text());
  });
  await p.goto(base + path);
  return p;
}

// Links that would run script, as a faulty or hostile answer could carry them.
const HOSTILE = ["javascript:alert(1)", " JaVaScRiPt:alert(2)", "data:text/html,<script>alert(3)</script>", "vbscript:msgbox(4)"];

// Every link in `scope` is a web address or one of the site.
async function onlyWebLinks(scope) {
  const hrefs = await scope.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  for (const href of hrefs) assert.match(href.trim(), /^(https?:\/\/|\/|\?|#)/i, href);
  return hrefs;
}

const titles = (p) => p.locator(".hit h2").allTextContents();

test("typing a query shows the expected talk first, with its speaker, marks and links", async () => {
  const p = await page();
  await assert.doesNotReject(p.locator("#summary", { hasText: "Type a topic" }).waitFor());
  await p.locator("#q").pressSequentially("garbage collector", { delay: 20 });
  // Results for a part of the words may show first; wait for the whole query's.
  await p.locator("#summary", { hasText: "for “garbage collector”" }).waitFor();
  assert.equal((await titles(p))[0], "Garbage Collector in Python");
  const first = p.locator(".hit").first();
  assert.deepEqual(await first.locator("h2 mark").allTextContents(), ["Garbage", "Collector"]);
  assert.equal(await first.locator("a.speaker").textContent(), "Rivas Hameed");
  assert.equal(await first.locator("a.video").getAttribute("href"), "https://www.youtube.com/watch?v=_YRHkn-f24k");
  assert.match(await first.locator("a.post").getAttribute("href"), /^\/2017\/05\/20\/kernel\/#:~:text=Garbage/);
  assert.match(p.url(), /\?q=garbage\+collector$/);
  assert.deepEqual(p.blocked, []);
  await p.close();
});

test("links in an answer that could run script are never rendered, by the page or the widget", async () => {
  const hostile = async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.hits.forEach((hit, i) => {
      hit.video = [...HOSTILE, "https://example.org/v.mp4"];
      hit.slides = [...HOSTILE];
      hit.link = HOSTILE[i % HOSTILE.length];
    });
    await route.fulfill({ response, json: body });
  };
  const p = await page();
  await p.route(/\/search\?/, hostile);
  await p.locator("#q").fill("garbage collector");
  await p.locator("#summary", { hasText: "for “garbage collector”" }).waitFor();
  const hrefs = await onlyWebLinks(p.locator("#results"));
  assert.ok(hrefs.includes("https://example.org/v.mp4"), hrefs.join(" "));
  assert.equal(await p.locator(".hit h2 a").count(), 0);
  assert.equal((await titles(p))[0], "Garbage Collector in Python");
  assert.deepEqual(p.blocked, []);
  await p.close();

  // A post that carries such links itself: the answer never has them, the page shows the rest.
  const q = await page("/?q=tidepool");
  await q.locator("#summary", { hasText: "for “tidepool”" }).waitFor();
  const own = await onlyWebLinks(q.locator("#results"));
  assert.ok(own.includes("/2016/03/12/spring/tidepool.pdf"), own.join(" "));
  assert.deepEqual(q.blocked, []);
  await q.close();

  const w = await browser.newPage();
  await w.route(/\/search\?/, hostile);
  await w.goto(`${siteBase}/`);
  await w.locator("#site-search").pressSequentially("import", { delay: 30 });
  await w.locator(".talksearch-note", { hasText: "No talks found" }).waitFor();
  await onlyWebLinks(w.locator("body"));
  await w.close();
});

test("words outside any talk find the post, shown as the post and linked to the passage", async () => {
  const p = await page("/?q=observatory");
  await p.locator(".hit").first().waitFor();
  const hit = p.locator(".hit").first();
  assert.equal(await hit.locator("h2").textContent(), "Autumn evening");
  assert.equal(await hit.locator(".kind").textContent(), "in the post");
  assert.match(await hit.locator("h2 a").getAttribute("href"), /#:~:text=observatory/);
  assert.match(await hit.locator(".snippet").innerHTML(), /<mark>observatory<\/mark>/);
  await p.close();
});

test("a typo still finds the talk", async () => {
  const p = await page();
  await p.locator("#q").fill("garbge colector");
  await p.locator(".hit").first().waitFor();
  assert.equal((await titles(p))[0], "Garbage Collector in Python");
  await p.close();
});

test("a shared URL opens with its query and results", async () => {
  const p = await page("/?q=import");
  await p.locator(".hit").first().waitFor();
  assert.equal(await p.locator("#q").inputValue(), "import");
  assert.equal((await titles(p))[0], "How Import Works in Python");
  await p.close();
});

test("facet chips narrow by kind and year, and clicking again widens", async () => {
  const p = await page("/?q=pytest+python+django");
  await p.locator(".chip[data-filter=kind][data-value=workshop]").click();
  await p.waitForURL(/kind=workshop/);
  await p.locator("#summary", { hasText: "1 talk" }).waitFor();
  const found = await titles(p);
  assert.equal(found.length, 1);
  assert.match(found[0], /Testing with pytest/);
  assert.equal(await p.locator(".hit .kind").textContent(), "workshop");
  await p.locator(".chip[data-filter=kind][data-value=workshop]").click();
  await p.waitForURL((u) => !u.search.includes("kind="));
  await p.locator(".chip[data-filter=year][data-value='2019']").click();
  await p.waitForURL(/year=2019/);
  // The URL changes at the click; the results when the narrowed search answers. Wait for the
  // year chip to be the only one pressed, which the page does when it renders that answer.
  await p.locator(".chip[data-filter=year][aria-pressed=true]").waitFor();
  await p.waitForFunction(() => !document.querySelector(".chip[data-filter=year][aria-pressed=false]"));
  const dates = await p.locator(".hit time").allTextContents();
  assert.ok(dates.length > 0 && dates.every((d) => d.startsWith("2019")), dates.join());
  await p.close();
});

test("load more pages through every result", async () => {
  const p = await page("/?q=python");
  await p.locator(".hit").first().waitFor();
  const total = Number((await p.locator("#summary").textContent()).split(" ")[0]);
  assert.ok(total > 10, `only ${total} results`);
  assert.equal(await p.locator(".hit").count(), 10);
  await p.locator("#more").click();
  await p.waitForFunction((n) => document.querySelectorAll(".hit").length === n, total);
  assert.equal(await p.locator("#more").isHidden(), true);
  const ids = await p.locator(".hit").evaluateAll((hits) => hits.map((h) => h.dataset.id));
  assert.equal(new Set(ids).size, total, "no talk twice");
  if (process.env.SCREENSHOT) {
    await p.evaluate(() => scrollTo(0, 0));
    await p.screenshot({ path: process.env.SCREENSHOT });
  }
  await p.close();
});

test("a speaker link filters by that person, under every name the posts give them", async () => {
  const p = await page("/?q=python");
  await p.locator("a.speaker", { hasText: "Meera Krishnan" }).first().click();
  await p.waitForURL(/speaker=meera-krishnan/);
  // The chip names the person and the other name a post gives her.
  await p.locator(".chip[data-filter=speaker]", { hasText: "Meera Krishnan (also Meera)" }).waitFor();
  await p.waitForFunction(() =>
    [...document.querySelectorAll(".hit .meta")].every((m) => m.textContent.includes("Meera Krishnan")));
  // The filter alone lists all her talks, the one under the short name too.
  await p.goto(`${base}/?speaker=meera-krishnan`);
  await p.waitForFunction(() => {
    const metas = [...document.querySelectorAll(".hit .meta")].map((m) => m.textContent);
    return metas.some((m) => m.includes("Meera Krishnan")) && metas.some((m) => m.startsWith("Meera ·"));
  });
  // The short form links to the same person.
  await p.goto(`${base}/?q=pandas`);
  await p.locator("a.speaker", { hasText: "Meera" }).first().click();
  await p.waitForURL(/speaker=meera-krishnan/);
  await p.close();
});

test("keyboard only: arrows through suggestions, Enter picks, Escape closes", async () => {
  const p = await page();
  await p.locator("#q").focus();
  await p.keyboard.type("gar", { delay: 30 });
  await p.locator("#suggestions li").first().waitFor();
  await p.keyboard.press("ArrowDown");
  assert.equal(await p.locator("#q").getAttribute("aria-activedescendant"), "suggestion-0");
  const chosen = (await p.locator("#suggestions li").first().locator("span").first().textContent()).trim();
  await p.keyboard.press("Enter");
  await p.locator("#suggestions").waitFor({ state: "hidden" });
  assert.equal(await p.locator("#q").inputValue(), chosen);
  await p.locator("#summary", { hasText: `for “${chosen}”` }).waitFor();
  assert.equal((await titles(p))[0], chosen);
  // Escape closes open suggestions, and a second one clears the search.
  await p.keyboard.press("Control+A");
  await p.keyboard.type("imp", { delay: 30 });
  await p.locator("#suggestions li").first().waitFor();
  await p.keyboard.press("ArrowDown");
  await p.keyboard.press("ArrowUp");
  assert.equal(await p.locator("#q").getAttribute("aria-activedescendant"), `suggestion-${(await p.locator("#suggestions li").count()) - 1}`);
  await p.keyboard.press("Escape");
  await p.locator("#suggestions").waitFor({ state: "hidden" });
  await p.keyboard.press("Escape");
  assert.equal(await p.locator("#q").inputValue(), "");
  await p.locator("#summary", { hasText: "Type a topic" }).waitFor();
  await p.close();
});

test("no results and server errors are said, not swallowed", async () => {
  const p = await page("/?q=zzyzx+quokka");
  await p.locator("#summary", { hasText: "No talks found" }).waitFor();
  await p.locator("#q").fill("x".repeat(1100));
  await p.locator("#summary.error", { hasText: "Search failed" }).waitFor();
  assert.match(await p.locator("#summary").textContent(), /limit is 1024/);
  await p.close();
});

test("the widget on a page of another origin shows talks in a dropdown", async () => {
  const p = await browser.newPage();
  await p.goto(`${siteBase}/`);
  const input = p.locator("#site-search");
  await input.pressSequentially("import", { delay: 30 });
  const first = p.locator(".talksearch-box li").first();
  await first.locator(".talksearch-title", { hasText: "How Import Works in Python" }).waitFor();
  assert.equal(await first.locator(".talksearch-title").textContent(), "How Import Works in Python");
  assert.match(await first.locator(".talksearch-meta").textContent(), /Sasidhar/);
  // The speaker links to the person's talks on the search page.
  assert.equal(await first.locator(".talksearch-meta a").getAttribute("href"), `${base}/?speaker=sasidhar`);
  await p.keyboard.press("ArrowDown");
  await p.keyboard.press("Enter");
  await p.waitForURL((u) => u.origin === siteBase && u.pathname === "/2017/05/20/kernel/");
  // A speaker's link names the person and every name the posts give them.
  await p.goto(`${siteBase}/`);
  await p.locator("#site-search").pressSequentially("pandas", { delay: 30 });
  const meera = p.locator(".talksearch-meta a", { hasText: "Meera" }).first();
  await meera.waitFor();
  assert.equal(await meera.getAttribute("title"), "Meera Krishnan, Meera");
  await p.close();
});
