"""majalla: a static site generator for Arabic-first, bilingual news magazines."""

__version__ = "0.1.0"
