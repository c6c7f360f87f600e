"""Old links with a query string: `aliases: [/?p=123]` (WordPress's short links and "plain" permalinks, which
the importer writes for every post from the post's WordPress ID). A static host serves the root page for
`/?p=123` (and the not-found page for `/index.php?p=123` or `/blog/?p=123`) whatever follows the `?`, so no
redirect page can be written there; instead the build writes

- old-links/NN.json: the map {"/?p=123": "/ar/2024/06/x/"}, split by the last two digits of the ID (a browser
  fetches one part, about a hundredth of it: 10 to 20 KB for 10,000 posts);
- old-links/find.js: the script the root page and /404.html load (a file of the site, never inline, so a
  Content-Security-Policy of `script-src 'self'` lets it run). It reads `?p=` or `?page_id=` (digits only:
  anything else is ignored), fetches its part of the map, and goes to the address found there when it is a
  path of this site; else the page does what it does without it (the root page goes to the home page).

The map lives in the articles' front matter, not in a file the importer writes: it follows an article whose
slug or date changes, leaves with an article deleted, and two articles that claim one old link are an error
naming both, as two pages of one address are."""
from __future__ import annotations

import json

from ..errors import Problems
from .expired import expired_target

FOLDER = "old-links"
SCRIPT = f"{FOLDER}/find.js"
PRODUCER = "aliases with ?p= or ?page_id= (old-links/)"
PARTS = 100  # the map's parts: by the last two digits of the ID

FIND_JS = """\
// majalla: old links /?p=123 and /?page_id=45 (WordPress) to the article they became. See old-links/NN.json.
(function () {
  "use strict";
  var script = document.currentScript, home = script.getAttribute("data-home");
  var base = new URL(script.src).pathname.replace(/old-links\\/find\\.js$/, "");
  function fallback() { if (home) { location.replace(home); } }
  var query = new URLSearchParams(location.search), key = null, id = null;
  ["p", "page_id"].forEach(function (name) {
    var value = query.get(name);
    if (key === null && value !== null && /^[0-9]{1,19}$/.test(value)) { key = name; id = value.replace(/^0+(?=.)/, ""); }
  });
  var path = location.pathname;
  if (key === null || path.indexOf(base) !== 0) { fallback(); return; }
  var folder = "/" + path.slice(base.length).replace(/index\\.php$/, "");
  if (folder.charAt(folder.length - 1) !== "/") { folder += "/"; }
  var part = ("0" + id).slice(-2);
  fetch(base + "old-links/" + part + ".json", {credentials: "same-origin"})
    .then(function (r) { return r.ok ? r.json() : {}; })
    .then(function (map) {
      var wanted = folder + "?" + key + "=" + id;
      var to = Object.prototype.hasOwnProperty.call(map, wanted) ? map[wanted] : null;
      if (typeof to === "string" && to.indexOf(base) === 0 && to.charAt(1) !== "/" && !/[\\\\\\s]/.test(to)) {
        location.replace(to + location.hash);
      } else { fallback(); }
    })
    .catch(fallback);
})();
"""


def query_aliases(site) -> list[tuple[str, str]]:
    """[(alias "/?p=123", article id)] of every article, expired ones too (content/expiry.py), in the order of
    the articles."""
    found = {**{i: a for i, (a, _) in site.expired.items()}, **site.articles}
    return [(alias, i) for i in sorted(found) for alias in found[i].aliases if "?" in alias]


def target(site, urls, i: str) -> str:
    """Where an old link of article `i` leads: the article; for an expired one, where its own address leads
    (its notice, or with expired = "remove" its language's home: pages/expired.py)."""
    return urls.link(site.paths[i]) if i in site.articles else expired_target(site.config, urls, *site.expired[i])


def script_url(site, urls) -> str | None:
    """The script's URL for the root and not-found pages, or None when no article has such an alias."""
    return urls.link(urls.path(file=SCRIPT)) if any(True for _ in query_aliases(site)) else None


def part_of(alias: str) -> str:
    return ("0" + alias.rpartition("=")[2])[-2:]


def files(site, urls, problems: Problems) -> list[tuple[str, bytes]]:
    """[(file of output/, its bytes)]: the map's parts and the script; an old link two articles claim is an
    error of the second, at its `aliases:` line, naming the first."""
    found = query_aliases(site)
    if not found:
        return []
    owners: dict[str, str] = {}
    parts: dict[str, dict[str, str]] = {}
    for alias, i in found:
        first = owners.setdefault(alias, i)
        if first != i:
            article = site.articles[i] if i in site.articles else site.expired[i][0]
            problems.error(i, article.line("aliases"),
                           f'alias "{alias}" is an old link of {first} already; keep it in one article')
            continue
        parts.setdefault(part_of(alias), {})[alias] = target(site, urls, i)
    made = {f"{FOLDER}/{n:02d}.json": json.dumps(parts.get(f"{n:02d}", {}), ensure_ascii=False, sort_keys=True,
                                                 separators=(",", ":")).encode()
            for n in range(PARTS)}  # every part, empty ones too: a link that finds nothing costs no 404
    made[SCRIPT] = FIND_JS.encode()
    return sorted(made.items())
