"""The build: every stage run in order (reading, the output plan, rendering in workers, writing), the build
cache that spares work, and whether output/ is already up to date."""
