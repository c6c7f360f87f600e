// majalla's slugify (generator/text.py: slugify, whole_slug, shorten), for the editor in the browser: the
// file name of a new article is the slug `majalla new` and the build make from its title. Arabic letters kept,
// tashkeel and tatweel dropped, lower case, hyphens for the rest, at most 200 bytes of UTF-8, cut at a hyphen.
// tests/test_editor.py runs it against the Python on titles and on every character.
(function (root) {
  "use strict";
  var TASHKEEL = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;
  var UNSAFE = /[^\p{L}\p{N}-]+/gu; // Python's [^\w\-] once "_" is "-": \w is letters, numbers and "_"
  var MAX_BYTES = 200; // text.SLUG_MAX_BYTES

  function bytesOf(ch) {
    var code = ch.codePointAt(0);
    return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }

  function wholeSlug(text) {
    var slug = text.normalize("NFKC").replace(TASHKEEL, "").toLowerCase();
    slug = slug.replace(/_/g, "-").replace(UNSAFE, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
    return slug.normalize("NFC");
  }

  function shorten(slug) {
    var chars = Array.from(slug), cut = [], bytes = 0;
    for (var i = 0; i < chars.length; i++) {
      bytes += bytesOf(chars[i]);
      if (bytes > MAX_BYTES) break;
      cut.push(chars[i]);
    }
    if (cut.length === chars.length) return slug;
    var hyphen = cut.lastIndexOf("-");
    if (hyphen >= Math.floor(cut.length / 2)) cut = cut.slice(0, hyphen);
    return cut.join("").replace(/^-+|-+$/g, "").normalize("NFC");
  }

  root.majallaSlugify = function (text) {
    return shorten(wholeSlug(String(text)));
  };
})(typeof window !== "undefined" ? window : globalThis);
