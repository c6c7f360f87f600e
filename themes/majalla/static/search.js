// majalla search page: folds the query as the index was folded (generator/search.py), asks this
// language's Pagefind index (chosen by Pagefind from <html lang>), and shows headline, date, section and
// an excerpt of the original text with the matches marked. Self-hosted; loaded on /<lang>/search/ only.

// Tashkeel (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel: the ranges of
// generator/text.py TASHKEEL and TATWEEL.
const TASHKEEL = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;
const ALEFS = /[\u0623\u0625\u0622\u0671]/g; // أ إ آ ٱ
const FORMS_MARK = "\u2042"; // ⁂: the folded forms of an article's words follow it in the indexed text
const EDGES = /^[^\p{L}\p{M}\p{N}_]+|[^\p{L}\p{M}\p{N}_]+$/gu;
const EXCERPT_WORDS = 30;
const PAGE_SIZE = 10;

/** The form a reader may type: NFKC, no tashkeel or tatweel, أ إ آ ٱ as ا (generator/search.py fold). */
export function fold(text) {
  return text.normalize("NFKC").replace(TASHKEEL, "").replace(ALEFS, "\u0627").normalize("NFC");
}

const bare = (word) => fold(word).replace(EDGES, "");

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An excerpt of the original text (never of the folded forms), matched words in <mark>. */
export function excerpt(data, size = EXCERPT_WORDS) {
  const words = data.content.split(/\s+/).filter(Boolean);
  let end = words.indexOf(FORMS_MARK);
  if (end < 0) end = words.length;
  const hits = new Set(data.locations.filter((l) => l < end));
  const wanted = new Set(data.locations.filter((l) => l > end).map((l) => bare(words[l])));
  if (wanted.size) words.slice(0, end).forEach((w, i) => { if (wanted.has(bare(w))) hits.add(i); });
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
    shown.push(hits.has(i) ? `<mark>${escapeHtml(words[i])}</mark>` : escapeHtml(words[i]));
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

  let pagefind;
  try {
    pagefind = await import(`${form.dataset.bundle}pagefind.js`);
    await pagefind.options({ excerptLength: EXCERPT_WORDS });
    await pagefind.init();
  } catch (error) {
    status.textContent = form.dataset.unavailable;
    return;
  }

  let current = 0;
  let more = null;
  async function run() {
    const turn = ++current;
    const query = fold(form.elements.q.value).trim();
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
    const search = await pagefind.search(query || null, { filters });
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
