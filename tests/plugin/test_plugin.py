"""The knowledge-base plugin: installed by entry point, options validated, costly parts skipped under serve."""

import datetime as dt
from importlib import metadata

import pytest
from mkdocs.plugins import PluginCollection

from pancreas_kb import plugin
from pancreas_kb.domain import dashboard, review
from pancreas_kb.plugin import (
    build_state,
    cite,
    counterpart,
    evidence,
    jsonld,
    languages,
    minify,
    moved_sections,
    page_record,
    review_packets,
    search,
    security,
    whats_new,
)


@pytest.fixture
def options(monkeypatch):
    fresh = build_state.Options()
    monkeypatch.setattr(build_state, "options", fresh)
    return fresh


def _configured(**values):
    config = plugin.KnowledgeBaseConfig()
    config.load_dict(values)
    errors, _warnings = config.validate()
    return config, errors


def test_the_plugin_is_registered_under_its_name():
    (entry,) = [e for e in metadata.entry_points(group="mkdocs.plugins") if e.name == "knowledge-base"]
    assert entry.load() is plugin.KnowledgeBasePlugin


def test_options_are_validated():
    config, errors = _configured()
    assert errors == [] and config.citations == "mkdocs-bibtex" and config.serve_full is False
    _, errors = _configured(citations="pandoc")
    assert [name for name, _ in errors] == ["citations"]
    _, errors = _configured(whats_new={"entries": 3})
    assert [name for name, _ in errors] == ["whats_new"]


@pytest.mark.parametrize(
    "serving, serve_full, enabled, runs",
    [(False, False, True, True), (True, False, True, False), (True, True, True, True), (False, False, False, False)],
)
def test_optional_parts_run_in_a_build_and_under_serve_only_when_asked(options, serving, serve_full, enabled, runs):
    options.serving = serving
    options.config, _ = _configured(serve_full=serve_full, review_packets=enabled)
    assert build_state.runs("review_packets") is runs


def _registered(event: str) -> list:
    collection = PluginCollection()
    collection["knowledge-base"] = plugin.KnowledgeBasePlugin()
    return collection.events[event]


def test_each_part_runs_at_its_own_priority_in_the_stated_order():
    on_config = _registered("config")
    assert on_config[0].__name__ == "_on_config_options"  # the options before any part reads them
    assert on_config[1] is page_record.on_config  # priority 100: before mkdocs-bibtex reads the file
    post_page = _registered("post_page")
    assert post_page[-1] is security.on_post_page  # last: the policy sees the finished page
    post_build = _registered("post_build")
    assert [getattr(h, "__wrapped__", h) for h in post_build] == [
        minify.on_post_build,
        search.on_post_build,
        security.on_post_build,  # after mkdocs-redirects wrote its pages, which it rewrites
    ]
    assert _registered("files")[0] is security.on_files  # docs/ is checked before any page is read
    # What's new writes its entries before the evidence part reads the page's claims (plugin/order.py).
    markdown_steps = [h for h in _registered("page_markdown") if h.__module__.endswith(("_record", "_new", "evidence"))]
    assert markdown_steps == [page_record.on_page_markdown, whats_new.on_page_markdown, evidence.on_page_markdown]


def test_an_optional_part_is_skipped_under_serve_and_keeps_the_item(options, monkeypatch):
    calls = []
    monkeypatch.setattr(review_packets, "on_files", lambda files, config: calls.append(files) or ["packet"])
    handler = plugin._handler(review_packets, "files").__get__(None, object)
    options.serving = True
    options.config, _ = _configured()
    assert handler(["page"], config=None) == ["page"] and calls == []
    options.config, _ = _configured(serve_full=True)
    assert handler(["page"], config=None) == ["packet"] and calls == [["page"]]


def test_the_dashboard_links_packets_only_when_they_are_built():
    trust = review.trust_for({"review_status": "submitted", "audience": "patient"}, dt.date(2026, 6, 1))
    rows = [dashboard.Row("patients/t.md", "T", trust)]
    built = dashboard.markdown(rows, "about/review-dashboard.md", dt.date(2026, 6, 1))
    preview = dashboard.markdown(rows, "about/review-dashboard.md", dt.date(2026, 6, 1), packets=False)
    assert "(review-packets/patients/t.html)" in built and dashboard.PACKET_NOT_BUILT not in built
    assert "review-packets/" not in preview and dashboard.PACKET_NOT_BUILT in preview


@pytest.mark.parametrize("command, serving", [("serve", True), ("build", False), ("gh-deploy", False)])
def test_the_plugin_knows_when_it_was_started_by_mkdocs_serve(options, command, serving):
    plugin.KnowledgeBasePlugin().on_startup(command=command, dirty=False)
    assert options.serving is serving


def _handlers(event: str) -> list:
    """The functions an event of the plugin calls, in registration order."""
    return [handler.__func__ for handler in plugin._combined(event).methods]


def test_an_event_calls_the_handler_of_each_part_that_has_one_in_the_order_of_parts():
    assert _handlers("page_context") == [
        languages.on_page_context,
        counterpart.on_page_context,
        moved_sections.on_page_context,
        cite.on_page_context,
        jsonld.on_page_context,
    ]
    # The optional parts' handlers wrap theirs, keeping its name.
    assert [(f.__module__, f.__name__) for f in _handlers("post_build")] == [
        ("pancreas_kb.plugin.minify", "on_post_build"),
        ("pancreas_kb.plugin.search", "on_post_build"),
        ("pancreas_kb.plugin.security", "on_post_build"),
    ]
    assert _handlers("startup") == []


def test_a_part_that_always_runs_is_registered_as_its_own_function():
    handler = plugin._handler(security, "files").__get__(None, object)
    assert handler is security.on_files
