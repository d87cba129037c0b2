"""What's new: the page's entries and the Atom feed, both rendered from the one data file.

Problems in the data file are logged as errors with its file and line, which
fails the strict build. The feed is added as a generated site file rather than
written after the build, so that `mkdocs serve` serves it too and the page's
link to it is checked like any other link.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from pancreas_kb.domain import feed, review, whats_new
from pancreas_kb.plugin import build_state, order

log = logging.getLogger("mkdocs.plugins.knowledge_base.whats_new")


@dataclass
class Build:
    settings: whats_new.Settings
    data: whats_new.Data
    sections: dict[str, whats_new.Section]


# One record per build, from on_files to on_env; keyed by the build's config.
_builds: dict[int, Build] = {}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _sections(data: whats_new.Data, files) -> dict[str, whats_new.Section]:
    sections = {}
    for entry in data.entries:
        for change in entry.changes:
            file = files.get_file_from_path(change.page)
            if file is None:
                continue
            record = build_state.current.records.get(file.src_uri)
            page = record.front if record else None
            meta = page.meta if page else {}
            heading = whats_new.headings(page.body if page else "").get(change.anchor, "")
            sections[change.target] = whats_new.Section(
                change.target, str(meta.get("title") or change.page), heading, file.url
            )
    return sections


def _report(findings) -> None:
    # Every rule on the data file (its entries, their pages, anchors, dates and citations) is an error.
    for finding in sorted(findings):
        log.error(finding.text())


def on_files(files, config):
    settings = whats_new.settings(build_state.options.get("whats_new"))
    if settings is None:
        return files
    path = _root(config) / settings.data
    if not path.is_file():
        page = files.get_file_from_path(settings.page)
        if page is not None:
            _report(whats_new.data_missing(settings, os.path.relpath(page.abs_src_path, _root(config))))
        return files
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        log.error(f"{settings.data}:1: whats-new-unreadable: cannot be read ({exc}); save it as UTF-8 text")
        return files
    data = whats_new.load(settings.data, text)
    pages = {f.src_uri for f in files.documentation_pages()}
    library = build_state.current.library  # read once per build by page_record.py, whichever citation engine runs
    _report(
        whats_new.against_sources(
            data, settings, pages, review.today(), set(library.entries) if library is not None else None
        )
    )
    # Entries naming a missing page are left out, so that the page and the feed still render.
    data.entries = [e for e in data.entries if all(c.page in pages for c in e.changes)]
    sections = _sections(data, files)
    _builds[id(config)] = Build(settings, data, sections)
    if not config.site_url:
        log.error("mkdocs.yml:1: whats-new-site-url: the feed's links must be absolute; set site_url")
        return files
    files.append(
        File.generated(
            config,
            settings.feed,
            content=feed.atom(
                data.newest_first(),
                sections,
                site_url=config.site_url,
                site_name=config.site_name,
                page_url=files.get_file_from_path(settings.page).url if settings.page in pages else "",
                feed=settings.feed,
                library=library,
            ),
        )
    )
    return files


@event_priority(order.WHATS_NEW)
def on_page_markdown(markdown, page, config, files):
    build = _builds.get(id(config))
    if build is None:
        return markdown
    settings = build.settings
    if page.file.src_uri == settings.follow and config.site_url:
        return markdown.replace(whats_new.FEED_ADDRESS, whats_new.feed_address(urljoin(config.site_url, settings.feed)))
    if page.file.src_uri != settings.page:
        return markdown
    follow = settings.follow if files.get_file_from_path(settings.follow) is not None else None
    return (
        markdown
        + "\n\n"
        + whats_new.markdown(build.data.newest_first(), build.sections, settings.page, settings.feed, follow)
    )


def on_env(env, config, files):
    build = _builds.pop(id(config), None)
    if build is None:
        return env
    # Every page has been rendered by now, so its anchors are those readers will find.
    anchors = {f.src_uri: f.page.present_anchor_ids or set() for f in files.documentation_pages() if f.page is not None}
    _report(whats_new.missing_anchors(build.data, anchors))
    if config.site_url:
        env.globals["whats_new_feed"] = {"url": build.settings.feed, "title": f"{config.site_name}: what's new"}
    return env


def on_serve(server, config, builder):
    settings = whats_new.settings(build_state.options.get("whats_new"))
    if settings is not None and (_root(config) / settings.data).is_file():  # a missing file is reported, not watched
        server.watch(str(_root(config) / settings.data))
    return server
