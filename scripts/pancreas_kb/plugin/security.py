"""The site's own defences, written by the build (see scripts/pancreas_kb/domain/security.py).

Before the build: docs/ holds only Markdown and inert assets (domain/docs_files.py).
Every page and the 404 page: the Content-Security-Policy and referrer policy.
After the build: redirect pages rewritten with the policy and an escaped target,
and an unregistering service worker wherever one could have been registered.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from pancreas_kb.domain import docs_files, security
from pancreas_kb.plugin import moved_sections

REDIRECT_TEMPLATE = "partials/redirect-page.html"


def _base_path(config) -> str:
    path = urlsplit(config.site_url or "").path
    return path if path.endswith("/") else path + "/"


@event_priority(100)  # before any page is read
def on_files(files, config):
    findings = docs_files.check(Path(config.docs_dir), "docs/")
    if findings:
        raise PluginError("docs/ holds files the site may not publish:\n" + "\n".join(f.text() for f in findings))
    return files


@event_priority(-200)  # last: the policy is fixed (inline-scripts.yml), but it must precede all the page's markup
def on_post_page(output, page, config):
    return security.with_policies(output, _base_path(config))


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    # The 404 page is a theme template, not a page.
    if not template_name.endswith(".html"):
        return output_content
    return security.with_policies(output_content, _base_path(config))


def redirect_target(target: str) -> str:
    """A redirect's destination, refused unless it is a path on this site or a web address."""
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("", "http", "https") or any(ord(c) < 0x20 for c in target):
        raise PluginError(f"redirect_maps: '{target!r}' is not a page of this site or a web address")
    return target


def _redirects(config, env) -> None:
    plugin = config.plugins.get("redirects")
    if plugin is None:
        return
    from mkdocs_redirects import plugin as redirects

    template = env.get_template(REDIRECT_TEMPLATE)
    directory_urls = config.use_directory_urls
    for old, new in plugin.redirects.items():
        new_path, fragment = redirects._split_hash_fragment(str(new))
        if str(new).lower().startswith(("http://", "https://")):
            target = str(new)
        elif new_path in plugin.doc_pages:
            target = redirects.get_relative_html_path(old, plugin.doc_pages[new_path].url + fragment, directory_urls)
        else:
            continue  # mkdocs-redirects warned, which fails the strict build
        moved = moved_sections.redirect_map(
            config, old, lambda url, old=old: redirects.get_relative_html_path(old, url, directory_urls)
        )
        html = template.render(
            target=redirect_target(target), policies=security.policy_tags(_base_path(config)), moved=moved
        )
        out = Path(config.site_dir) / redirects.get_html_path(old, directory_urls)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")


@event_priority(-200)  # after mkdocs-redirects wrote its pages
def on_post_build(config):
    _redirects(config, config.theme.get_env())
    site = Path(config.site_dir)
    for path in security.retired_worker_paths():
        target = site / posixpath.normpath(path)
        if target.exists():
            raise PluginError(f"{path}: the site publishes a file where a retired service worker is replaced")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(security.UNREGISTERING_WORKER, encoding="utf-8")
