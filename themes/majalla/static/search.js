// majalla search page: folds the query as the build folded the index (generator/search/fold.py, whose
// table the page carries in data-fold), asks this language's Pagefind index (its parts merged), and shows
// headline, date, section and an excerpt of the text as written with the matches marked. Self-hosted;
// loaded on /<lang>/search/ only.

const EXCERPT_WORDS = 30;
const PAGE_SIZE = 10;
const ELISION = /^(?:qu|[cdjlmnst])['’]/u; // French: «l'école» is looked up as «école»

/** The fold of one word, from the build's table (TABLE of generator/search/fold.py), applied the same way. */
export function makeFold(table) {
  const tashkeel = new RegExp(table.tashkeel, "gu");
  const stemIf = new RegExp(table.stem_if, "u");
  const edges = new RegExp(table.edges, "gu");
  const rules = table.proclitics.map(([pattern, keep]) => [new RegExp(pattern, "u"), keep]);
  const map = new Map(Object.entries(table.map));
  function foldWord(word) {
    let w = word.normalize("NFKC").replace(tashkeel, "").normalize("NFC");
    w = Array.from(w, (c) => map.get(c) ?? c).join("").toLowerCase();
    if (!stemIf.test(w)) return w;
    for (;;) {
      let stripped = false;
      for (const [rx, keep] of rules) {
        const m = rx.exec(w);
        if (m && [...w].length - [...m[0]].length >= keep) { w = w.slice(m[0].length); stripped = true; break; }
      }
      if (!stripped) return w;
    }
  }
  /** One token: the folded word without the punctuation around it; a token of punctuation only as it is. */
  function foldToken(token) {
    const core = token.replace(edges, "");
    return core ? foldWord(core) : token;
  }
  /** A query: its words folded, punctuation-only ones dropped; French elisions stripped first. */
  function foldQuery(text, lang) {
    return text.split(/\s+/).map((token) => {
      const core = token.replace(edges, "");
      return core ? foldWord(lang === "fr" ? core.replace(ELISION, "") : core) : "";
    }).filter(Boolean).join(" ");
  }
  return { foldWord, foldToken, foldQuery, prefixLanguages: table.prefix_languages };
}

const bareLatin = (word) => word.normalize("NFD").replace(/\p{M}/gu, "");

/** Does a page's (folded) word answer a (folded) query word? In a language indexed unstemmed, when it starts
 * with it; in one Pagefind stems, when they share at least half of the query word and four letters
 * (écoles, école; hôpitaux, hôpital; elections, électorale), not a short word that only starts it. */
export function answers(word, term, unstemmed) {
  const pieces = [word, ...word.split(/[^\p{L}\p{M}\p{N}]+/u)];
  if (unstemmed) return pieces.some((p) => p.startsWith(term));
  const t = [...bareLatin(term)];
  return pieces.some((piece) => {
    const w = [...bareLatin(piece)];
    let common = 0;
    while (common < w.length && common < t.length && w[common] === t[common]) common++;
    return common >= Math.min(t.length, Math.max(4, Math.ceil(t.length / 2)));
  });
}

const idf = (pages, df) => Math.log(1 + (pages - df + 0.5) / (df + 0.5));

/** Pagefind's answer to a folded query over the merged parts, made as one index would make it.
 * - Each part scores its pages with its own statistics (BM25's idf: its page count, its pages with the
 *   word): its scores are scaled by the idf of the whole index over its own, word by word.
 * - A part that has no word starting with a query word answers with the longest word it has that starts
 *   the query word (or leaves the word out of a phrase): such a part is left out. Each part with results
 *   is asked apart (a filter), and kept when its best page has every word of the query.
 * `pages`: the page count of each part (pagefind.filters().part). */
export function makeAnswer(pagefind, fold, unstemmed, pages) {
  const all = Object.values(pages).reduce((a, b) => a + b, 0);
  const partsOf = (search) => search?.totalFilters?.part ?? search?.filters?.part ?? {};
  return async function answer(query, filters = {}) {
    const search = await pagefind.search(query || null, { filters });
    if (!query || !search) return search;
    const terms = query.split(" ");
    const parts = Object.entries(search.filters?.part ?? {}).filter(([, count]) => count > 0).map(([p]) => p);
    const byTerm = terms.length === 1 ? [partsOf(search)]
      : await Promise.all(terms.map(async (term) => partsOf(await pagefind.search(term))));
    const scale = (part) => {
      let whole = 0;
      let own = 0;
      for (const df of byTerm) {
        const total = Object.values(df).reduce((a, b) => a + b, 0);
        whole += idf(all, total);
        own += idf(pages[part] ?? 0, df[part] ?? 0);
      }
      return own > 0 ? whole / own : 1;
    };
    const answered = await Promise.all(parts.map(async (part) => {
      const alone = await pagefind.search(query, { filters: { ...filters, part } });
      const best = alone?.results[0];
      if (!best) return [];
      const data = await best.data();
      const words = data.content.split(/\s+/).filter(Boolean);
      const found = data.locations.map((at) => fold.foldToken(words[at] ?? ""));
      if (!terms.every((term) => found.some((word) => answers(word, term, unstemmed)))) return [];
      const factor = scale(part);
      return alone.results.map((r) => ({ ...r, data: r.data, score: r.score * factor }));
    }));
    const results = answered.flat().sort((a, b) => b.score - a.score);
    return { ...search, results };
  };
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A matched word in <mark>, the punctuation around it left out: «<mark>مكناس</mark>»، */
function marked(word) {
  const [, before, core, after] = word.match(/^([^\p{L}\p{M}\p{N}]*)(.*?)([^\p{L}\p{M}\p{N}]*)$/su);
  return core ? `${escapeHtml(before)}<mark>${escapeHtml(core)}</mark>${escapeHtml(after)}` : escapeHtml(word);
}

/** An excerpt of the text as written (the index's fragments hold it; one word for each indexed word, so
 * Pagefind's word locations are those of the written words), matched words in <mark>. */
export function excerpt(data, size = EXCERPT_WORDS) {
  const words = data.content.split(/\s+/).filter(Boolean);
  const end = words.length;
  const hits = new Set(data.locations);
  let start = 0;
  let best = -1;
  for (const h of [...hits].sort((a, b) => a - b)) {
    const from = Math.max(0, Math.min(h - Math.floor(size / 4), end - size));
    let count = 0;
    for (const other of hits) if (other >= from && other < from + size) count++;
    if (count > best) { best = count; start = from; }
  }
  const shown = [];
  for (let i = start; i < Math.min(end, start + size); i++) {
    shown.push(hits.has(i) ? marked(words[i]) : escapeHtml(words[i]));
  }
  return (start > 0 ? "… " : "") + shown.join(" ") + (start + size < end ? " …" : "");
}

function plural(forms, count, locale) {
  const form = count === 0 && forms.zero ? "zero" : new Intl.PluralRules(locale).select(count);
  const text = forms[form] ?? forms.other;
  return text.replace("{count}", new Intl.NumberFormat(locale).format(count));
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function result(data) {
  const meta = data.meta || {};
  const item = element("li", { class: "search-result" });
  item.append(element("h2", {}, element("a", { href: data.url }, meta.title || data.url)));
  const line = element("p", { class: "search-meta" });
  if (meta.date) line.append(element("time", meta.iso ? { datetime: meta.iso } : {}, meta.date));
  if (meta.section) {
    if (meta.date) line.append(" · ");
    line.append(element("span", { class: "search-section" }, meta.section));
  }
  item.append(line);
  const text = element("p", { class: "search-excerpt" });
  text.innerHTML = excerpt(data);
  item.append(text);
  return item;
}

async function start() {
  const form = document.querySelector("form.search");
  if (!form) return;
  const status = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");
  const locale = form.dataset.locale;
  const forms = JSON.parse(form.dataset.results);
  const fields = ["q", "section", "year"].map((name) => form.elements[name]).filter(Boolean);
  const params = new URLSearchParams(location.search);
  for (const field of fields) if (params.get(field.name)) field.value = params.get(field.name);

  const fold = makeFold(JSON.parse(form.dataset.fold));
  const lang = document.documentElement.lang;
  let pagefind;
  let pages;
  try {
    const [first, ...others] = form.dataset.parts.split(" ").filter(Boolean).map((p) => `${form.dataset.bundle}${p}/`);
    pagefind = await import(`${first}pagefind.js`);
    await pagefind.options({ excerptLength: EXCERPT_WORDS });
    await Promise.all(others.map((part) => pagefind.mergeIndex(part)));
    await pagefind.init();
    // loaded, a search counts its results in each part (search.filters.part); here: the parts' page counts
    pages = (await pagefind.filters()).part ?? {};
  } catch (error) {
    status.textContent = form.dataset.unavailable;
    return;
  }
  const answer = makeAnswer(pagefind, fold, fold.prefixLanguages.includes(lang), pages);

  let current = 0;
  let more = null;
  async function run() {
    const turn = ++current;
    const query = fold.foldQuery(form.elements.q.value, lang);
    const filters = {};
    for (const name of ["section", "year"]) if (form.elements[name]?.value) filters[name] = form.elements[name].value;
    const shown = new URLSearchParams();
    for (const field of fields) if (field.value) shown.set(field.name, field.value);
    history.replaceState(null, "", String(shown) ? `?${shown}` : location.pathname);
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      more?.remove();
      list.setAttribute("aria-busy", "false");
      return;
    }
    const search = await answer(query, filters);
    if (turn !== current || !search) return;
    list.replaceChildren();
    more?.remove();
    status.textContent = plural(forms, search.results.length, locale);
    let next = 0;
    async function page() {
      const batch = search.results.slice(next, next + PAGE_SIZE);
      next += batch.length;
      const data = await Promise.all(batch.map((r) => r.data()));
      if (turn !== current) return;
      list.append(...data.map(result));
      if (next >= search.results.length) more?.remove();
    }
    await page();
    if (next < search.results.length) {
      more = element("button", { type: "button", class: "search-more" }, form.dataset.more);
      more.addEventListener("click", page);
      list.after(more);
    }
    if (turn === current) list.setAttribute("aria-busy", "false");
  }

  let timer;
  const busy = () => list.setAttribute("aria-busy", "true");
  form.addEventListener("submit", (event) => { event.preventDefault(); busy(); run(); });
  form.elements.q.addEventListener("input", () => { busy(); clearTimeout(timer); timer = setTimeout(run, 200); });
  for (const name of ["section", "year"]) form.elements[name]?.addEventListener("change", () => { busy(); run(); });
  busy();
  await run();
}

start();
