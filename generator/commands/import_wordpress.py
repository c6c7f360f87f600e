"""The `import-wordpress` command: a WordPress export (WXR) into content/, then a report of what was left."""
from __future__ import annotations

from pathlib import Path

NOTHING_DONE = "nothing was imported"  # after an error

def arguments(parser) -> None:
    parser.add_argument("export", type=Path, help="the export file (WordPress: Tools → Export → All content)")
    parser.add_argument("--uploads", type=Path, metavar="DIR",
                        help="a copy of the old site's wp-content/uploads/: pictures are copied beside the articles")
    parser.add_argument("--lang", metavar="CODE",
                        help="the language of posts the export gives none (no Polylang/WPML); default: site.toml's")
    parser.add_argument("--overwrite", action="store_true", help="replace files that exist with other content")
    parser.add_argument("--no-comments", dest="comments", action="store_false",
                        help="leave readers' comments out (by default the approved ones are kept under each article)")


def run(args) -> int:
    from ..wordpress.importer import Options, import_export  # its HTML libraries load only for this command
    from ..wordpress.report import render

    report = import_export(Options(export=args.export, site=args.site.resolve(), uploads=args.uploads, lang=args.lang,
                                   overwrite=args.overwrite, comments=args.comments))
    if not args.quiet:
        print(render(report, verbose=args.verbose))
    return 0
