"""Writing output/ safely: a new tree swapped in, or a small change moved in under a journal."""
