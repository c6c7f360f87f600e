"""The commands of the command line, one module each (build, serve, new, check, import_wordpress). Each exposes
`arguments(parser)`, which adds its options, and `run(args)`, which does it and returns the exit code; the CLI
(generator/cli.py) lists them and imports the one that runs. A command never imports the CLI."""
