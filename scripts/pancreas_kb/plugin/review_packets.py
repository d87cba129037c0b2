"""Build the review packet of every page for patients or clinicians into the site, linked from the dashboard.

The packet is made from the same sources as the page, in the same build. A pull
request's packets are not served from the site: the trusted review workflow
builds them with the base branch's code and attaches them to the pull request.
"""

from __future__ import annotations

import posixpath
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
        if record is None or not review_packet.wanted(record.meta):
            continue
        try:
            packet = review_packet.render(record, inputs, url)
        except ValueError:
            continue  # unreadable front matter: the trust hook fails the build with the reason
        target = dashboard.packet_path(page.src_uri)
        up = posixpath.relpath(".", posixpath.dirname(target)) + "/"
        files.append(File.generated(config, target, content=review_packet.with_assets(packet, up)))
    return files
