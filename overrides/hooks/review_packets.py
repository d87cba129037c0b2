"""Build every page's review packet into the site, where the review dashboard links to it.

The packet is made from the same sources as the page, in the same build, so the
one a reviewer opens from a pull request's preview is the one for that text.
"""

from __future__ import annotations

import _repo  # noqa: F401
import _context as context
from pathlib import Path
from types import SimpleNamespace

from mkdocs.structure.files import File

from scripts.domain import dashboard
from scripts.domain import review
from scripts.tools import review_packet


def on_files(files, config):
    root = Path(config.config_file_path).parent
    inputs = review_packet.load(root, review.today())
    for page in list(files.documentation_pages()):
        path = context.source_path(config, SimpleNamespace(file=page))
        url = (config.site_url or "") + page.url
        try:
            packet = review_packet.render(path, page.content_string, inputs, url)
        except ValueError:
            continue  # unreadable front matter: the trust hook fails the build with the reason
        files.append(File.generated(config, dashboard.packet_path(page.src_uri), content=packet))
    return files
