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


def _shown(path: str, root: Path) -> str:
    """The page's path as editors see it in findings: relative to mkdocs.yml when it can be."""
    resolved = Path(path).resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(resolved)


def on_files(files, config):
    root = Path(config.config_file_path).resolve().parent
    inputs = review_packet.load(root, review.today(), build_state.current.library, build_state.current.evidence)
    for page in list(files.documentation_pages()):
        path = _shown(page.abs_src_path, root)
        url = (config.site_url or "") + page.url
        try:
            # The text the page record read from the file's bytes (an undecodable file is a finding there).
            record = build_state.current.records.get(page.src_uri)
            if record is None or not review_packet.wanted(record.meta):
                continue
            packet = review_packet.render(path, record.text, inputs, url)
        except ValueError:
            continue  # unreadable front matter: the trust hook fails the build with the reason
        target = dashboard.packet_path(page.src_uri)
        up = posixpath.relpath(".", posixpath.dirname(target)) + "/"
        files.append(File.generated(config, target, content=review_packet.with_assets(packet, up)))
    return files
