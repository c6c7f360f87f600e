"""Full-text search: the Pagefind index of the articles, made reproducible."""
