"""Moving off WordPress: an export (WXR) read safely (wxr), each post made an article file of content/ with
its pictures and old address (importer), its HTML made Markdown (html_to_markdown, shortcodes), and the
report of what was imported and what was left (report). The `import-wordpress` command runs it."""
