"""The browser editor: Decap CMS at /admin/, configured from site.toml, saving into the site's own files.

Writers who do not use git edit articles in the browser; what the editor saves is what a writer would commit
by hand (files that pass `check --strict`). The pieces, each usable alone:

- `vendor`: the Decap CMS release majalla ships (decap/, package data), pinned and checked file by file;
- `settings`: the [editor] table of site.toml;
- `cms_config`: Decap's config.yml, one collection per language, labels from the theme's UI strings;
- `admin`: the files of /admin/ (page, config, majalla's scripts in js/, Decap's files);
- `files` and `protocol`: Decap's local backend over the site folder, as a request -> answer function;
- `publish`: the files of output/admin/, planned by the build;
- `phrases/`: the interface in languages Decap does not ship (Arabic).

`majalla serve` hosts /admin/ and the backend on 127.0.0.1 (generator/preview/editor.py); a build puts /admin/
(with the GitHub backend) in output/ when site.toml's [editor] says `publish = true` (`publish`)."""
