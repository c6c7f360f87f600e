"""The writer's languages: Arabic-aware names and slugs, bidi isolation, word counts, dates (CLDR)."""
