"""The live preview's builder process and the watcher of the writer's files."""
