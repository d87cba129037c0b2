"""What every hook needs to know about the build: the page paths editors see in messages."""

from __future__ import annotations

from pathlib import Path

import _repo  # noqa: F401


def source_path(config, page) -> str:
    """The page's path as an editor sees it, relative to mkdocs.yml (docs/x.md)."""
    root = Path(config.config_file_path).resolve().parent
    try:
        return str(Path(page.file.abs_src_path).resolve().relative_to(root))
    except ValueError:
        return page.file.abs_src_path
