"""The theme: its templates (with the site's overrides), UI strings and fingerprinted assets."""
