"""What every hook needs to know about the build: paths for messages and today's date."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import _repo  # noqa: F401


def today() -> dt.date:
    # KB_TODAY pins the date so fixture builds and reproducible builds do not
    # change verdict (overdue, due soon) with the calendar.
    pinned = os.environ.get("KB_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def source_path(config, page) -> str:
    """The page's path as an editor sees it, relative to mkdocs.yml (docs/x.md)."""
    root = Path(config.config_file_path).resolve().parent
    try:
        return str(Path(page.file.abs_src_path).resolve().relative_to(root))
    except ValueError:
        return page.file.abs_src_path
