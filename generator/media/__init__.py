"""Pictures and files: which article shows which picture, the variants made with Pillow, the files copied."""
