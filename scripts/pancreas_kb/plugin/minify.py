"""Our own style sheets and scripts, served without comments and spacing.

The sources under overrides/assets keep their comments for editors; readers on a
phone need only the rules. rcssmin and rjsmin are small, long-maintained
minifiers (no code is rewritten, only comments and whitespace removed), so the
served files behave as the sources do.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def on_post_build(config):
    custom = Path(config.theme.custom_dir)
    site = Path(config.site_dir)
    for source in sorted((custom / "assets").rglob("*")):
        minify = MINIFIERS.get(source.suffix)
        target = site / source.relative_to(custom)
        if minify and target.is_file():
            target.write_text(minify(target.read_text(encoding="utf-8")), encoding="utf-8")
