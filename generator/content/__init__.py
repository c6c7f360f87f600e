"""What the writer committed, read: the files found, each article parsed (front matter, Markdown), and the
site model (per language its tags, sections, authors and dates; across languages its translations)."""
