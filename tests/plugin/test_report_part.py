"""The review record's report address and links: a build without a usable address stops and says how to set it."""

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from pancreas_kb.plugin import report

HOW = (
    "set it to the address that receives readers' reports of problems, "
    "e.g. report_email: corrections@your-domain.org (README, 'For maintainers')"
)


@pytest.mark.parametrize(
    "value, shown",
    [
        (None, "is not set"),
        ("", "'' is not an e-mail address"),
        ("corrections", "'corrections' is not an e-mail address"),
        ("a@b", "'a@b' is not an e-mail address"),
        ("a b@kb.org", "'a b@kb.org' is not an e-mail address"),
        ("a@kb.org?subject=x", "'a@kb.org?subject=x' is not an e-mail address"),
        (42, "'42' is not an e-mail address"),
    ],
)
def test_a_missing_or_unusable_address_stops_the_build_saying_how_to_set_it(value, shown):
    extra = {} if value is None else {"report_email": value}
    message = f"mkdocs.yml: extra.report_email {shown}; {HOW}"
    with pytest.raises(ValueError) as raised:
        report.address(extra)
    assert str(raised.value) == message
    with pytest.raises(PluginError) as stopped:
        report.on_config(SimpleNamespace(extra=extra))
    assert str(stopped.value) == message


def test_a_usable_address_is_taken_without_surrounding_spaces():
    assert report.address({"report_email": " corrections@kb.example.org\n"}) == "corrections@kb.example.org"
    config = SimpleNamespace(extra={"report_email": "x@kb.org"})
    assert report.on_config(config) is config


def _files(*paths):
    return Files([File(p, "/docs", "/site", use_directory_urls=True) for p in paths])


def test_the_review_record_links_the_policy_and_the_join_page_when_the_site_has_them():
    env = SimpleNamespace(globals={})
    assert report.on_env(env, None, _files("about/index.md", "about/review-for-us.md")) is env
    assert env.globals["kb_review_links"] == {"policy": "about/#who-reviews", "join": "about/review-for-us/"}


def test_a_site_without_the_policy_or_join_page_links_neither():
    env = SimpleNamespace(globals={})
    report.on_env(env, None, _files("index.md"))
    assert env.globals["kb_review_links"] == {"policy": "", "join": ""}
