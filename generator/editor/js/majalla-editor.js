// majalla's additions to Decap CMS, loaded after decap-cms.js (which is told not to start by itself) and
// slugify.js. What they need of the site comes from the page, made from site.toml:
// <script type="application/json" id="majalla-editor">{"locale", "phrases", "collections": {name: {lang, dir,
// translate, others: [{collection, name, lang}], sections: {name in this language: {lang: name}}}}}</script>
//
// - the interface language: Decap has no Arabic, majalla brings its phrase table (missing keys: English);
// - each collection's fields in its language and direction (lang, dir), whatever the interface language:
//   Decap gives fields no direction of their own;
// - the list fields (authors, tags) take the Arabic comma "،" as a separator, as they take ",";
// - below the translation key, a link to start each translation with the key, date and section filled in;
// - a new article's file name and slug: majalla's slugify of its title (or of the slug typed), and an empty
//   translation key filled in as `majalla new` fills it (yyyy-mm-slug). An article that exists keeps both:
//   its URL does not move;
// - a preview in the article's language and direction;
// - on the preview (`majalla serve`, settings.status): below the editor, after a save, the link to the saved
//   article's page on the preview, and what the build says: its errors (the preview keeps the last good
//   version until they are fixed) and the warnings of the articles saved here, each at its path:line, as
//   `majalla check` says them.
(function () {
  "use strict";
  var CMS = window.CMS, h = window.h;
  var settings = JSON.parse(document.getElementById("majalla-editor").textContent);
  var collections = settings.collections;

  if (settings.phrases) CMS.registerLocale(settings.locale, settings.phrases);

  function infoOf(props) {
    return collections[props.collection && props.collection.get("name")];
  }

  function element(tag, attributes, children) {
    return h.apply(null, [tag, attributes].concat(children));
  }

  // ---- translations: links from the translation key to a new version in each other language ----------------
  function translationLinks(info, props) {
    var key = props.value;
    if (!key || !info.others.length) return null;
    var data = props.entry.get("data");
    var section = data.get("section");
    var links = info.others.map(function (other) {
      var query = new URLSearchParams({translation_key: key});
      if (data.get("date")) query.set("date", data.get("date"));
      var translated = section && info.sections[section] && info.sections[section][other.lang];
      if (translated) query.set("section", translated);
      return h("a", {
        key: other.collection, lang: other.lang, hreflang: other.lang, "data-majalla-translate": other.lang,
        href: "#/collections/" + other.collection + "/new?" + query.toString(),
        style: {marginInlineStart: "0.5em"},
      }, other.name);
    });
    return element("p", {className: "majalla-translations", style: {margin: "0.5em 0 0"}},
                   [info.translate].concat(links));
  }

  // ---- every text field in its collection's language and direction ------------------------------------------
  var ARABIC_COMMA = /\u060c/g;
  function arabicCommas(event) {
    var input = event.target;
    if (input && typeof input.value === "string" && ARABIC_COMMA.test(input.value)) {
      input.value = input.value.replace(ARABIC_COMMA, ",");
    }
  }

  ["string", "text", "list", "select", "markdown"].forEach(function (name) {
    var widget = CMS.getWidget(name);
    if (!widget) {
      console.error("majalla: Decap CMS has no widget " + name);
      return;
    }
    var Base = widget.control;
    function Directed(props) {
      var info = infoOf(props);
      var inner = h(Base, props);
      if (!info) return inner;
      var field = props.field.get("name");
      var attributes = {lang: info.lang, dir: info.dir, "data-majalla-field": field};
      if (name === "list") attributes.onChangeCapture = arabicCommas; // before the list splits at ","
      var children = [inner];
      if (name === "string" && field === "translation_key") children.push(translationLinks(info, props));
      return element("div", attributes, children);
    }
    CMS.registerWidget(name, Directed, widget.preview, widget.schema);
  });

  // ---- a new article: its slug and translation key, as `majalla new` makes them -----------------------------
  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var entry = args.entry, data = entry.get("data");
      if (!entry.get("newRecord")) return data; // an article that exists keeps its file name and URL
      var slug = window.majallaSlugify(data.get("slug") || data.get("title") || "");
      if (!slug) return data; // nothing usable: the save is refused with the reason
      data = data.set("slug", slug);
      var month = /^(\d{4})-(\d{2})/.exec(String(data.get("date") || ""));
      if (!data.get("translation_key") && month) {
        data = data.set("translation_key", month[1] + "-" + month[2] + "-" + slug);
      }
      return data;
    },
  });

  // ---- the preview pane, in the article's language and direction ---------------------------------------------
  Object.keys(collections).forEach(function (name) {
    var info = collections[name];
    CMS.registerPreviewTemplate(name, function (props) {
      var data = props.entry.get("data");
      return h("article", {lang: info.lang, dir: info.dir, style: {fontFamily: "system-ui, sans-serif"}},
               h("h1", {}, data.get("title")), props.widgetFor("body"));
    });
  });

  // ---- on the preview: what the build says after a save, and the saved article's page ---------------------------
  function watchBuilds(url) {
    var saved = {}; // the articles saved in this page: their warnings are shown
    var page = null; // the last saved article's page on the preview
    var last = {errors: [], warnings: []};
    var send = window.fetch.bind(window);
    window.fetch = function (input, init) { // Decap's backend posts each save through fetch: note its files
      var target = typeof input === "string" ? input : (input && input.url) || "";
      var request = null;
      if (/\/api\/v1$/.test(target) && init && typeof init.body === "string") {
        try {
          request = JSON.parse(init.body);
        } catch (e) { /* not JSON: the backend says so */ }
      }
      if (!request || request.action !== "persistEntry") return send(input, init);
      var files = request.params.dataFiles || [];
      files.forEach(function (f) { saved[f.newPath || f.path] = true; });
      var answer = send(input, init);
      answer.then(function (response) {
        var options = request.params.options || {};
        if (response.ok && files.length && options.collectionName) locate(target, options.collectionName, files[0]);
      }, function () {});
      return answer;
    };

    function locate(api, collection, file) { // the page's address, as the build makes it (the backend knows)
      var slug = (file.newPath || file.path).replace(/^content\/[^/]+\//, "").replace(/\.md$/, "");
      send(api, {method: "POST", headers: {"Content-Type": "application/json"},
                 body: JSON.stringify({action: "getDeployPreview", params: {collection: collection, slug: slug}})})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (found) {
          if (found && found.url) {
            page = found.url;
            render();
          }
        }, function () {});
    }

    var box = document.createElement("aside");
    box.id = "majalla-build";
    box.setAttribute("role", "status");
    box.lang = "en";
    box.dir = "ltr";
    box.hidden = true;
    document.body.appendChild(box);
    var shown = "";

    function ofSaved(line) {
      return Object.keys(saved).some(function (path) { return line.indexOf(path + ":") === 0; });
    }

    function render() {
      var errors = last.errors, warnings = last.warnings.filter(ofSaved);
      var key = JSON.stringify([errors, warnings, page]);
      if (key === shown) return;
      shown = key;
      box.textContent = "";
      box.hidden = !errors.length && !warnings.length && !page;
      box.className = errors.length ? "majalla-errors" : warnings.length ? "" : "majalla-saved";
      if (page) {
        var where = document.createElement("p"), link = document.createElement("a");
        link.href = page;
        link.target = "_blank";
        link.id = "majalla-page";
        link.textContent = decodeURI(page);
        where.appendChild(document.createTextNode("Saved. Its page on the preview: "));
        where.appendChild(link);
        box.appendChild(where);
      }
      if (!errors.length && !warnings.length) return;
      var title = document.createElement("h2");
      title.textContent = errors.length
        ? "The preview is not up to date: the last change has " + errors.length + " problem" +
          (errors.length > 1 ? "s" : "") + " (fix it and save again)"
        : "majalla's check says of what you saved:";
      var list = document.createElement("ul");
      errors.concat(warnings).forEach(function (line) {
        var item = document.createElement("li"), at = /^(.*?(?::\d+)?): /.exec(line);
        var code = document.createElement("code");
        code.textContent = at ? at[1] : line;
        item.appendChild(code);
        if (at) item.appendChild(document.createTextNode(": " + line.slice(at[0].length)));
        list.appendChild(item);
      });
      box.appendChild(title);
      box.appendChild(list);
    }

    (function poll() {
      send(url, {cache: "no-store"})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (status) {
            last = status;
            render();
          }
        }, function () { /* the preview is restarting */ })
        .then(function () { setTimeout(poll, 1500); });
    })();
  }

  if (settings.status) watchBuilds(settings.status);

  CMS.init();
})();
