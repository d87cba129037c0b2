"""Build every page's review packet into the site, where the review dashboard links to it.

The packet is made from the same sources as the page, in the same build, so the
one a reviewer opens from a pull request's preview is the one for that text.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from pancreas_kb.domain import dashboard, review
from pancreas_kb.plugin import build_state
from pancreas_kb.tools import review_packet


def on_files(files, config):
    root = Path(config.config_file_path).resolve().parent
    inputs = review_packet.load(root, review.today(), build_state.current.library, build_state.current.evidence)
    for page in list(files.documentation_pages()):
        url = (config.site_url or "") + page.url
        record = build_state.current.records.get(page.src_uri)
        if record is None:
            continue
        try:
            packet = review_packet.render(record, inputs, url)
        except ValueError:
            continue  # unreadable front matter: the trust hook fails the build with the reason
        files.append(File.generated(config, dashboard.packet_path(page.src_uri), content=packet))
    return files
