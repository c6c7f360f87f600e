"""The commands of the command line, one module each: build, serve, new, check, import-wordpress."""
