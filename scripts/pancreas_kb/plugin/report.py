"""What the review record links to: the report address, the editorial policy, the page for new reviewers.

Every page's review record offers `extra.report_email` (mkdocs.yml) as a link that
needs no account anywhere (a prefilled e-mail naming the page), so a build without
a usable address fails rather than publish a link that goes nowhere. The policy and
the "Review for us" page are linked when the site has them (a fixture site may not),
through the `kb_review_links` template global.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from pancreas_kb.domain import dashboard

POLICY_PAGE, POLICY_ANCHOR = "about/index.md", "#who-reviews"

ADDRESS_RE = re.compile(r"^[^@\s<>\"'&?]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


def address(extra: dict) -> str:
    """The configured address; raises ValueError saying how to set it."""
    value = extra.get("report_email")
    if not isinstance(value, str) or not ADDRESS_RE.match(value.strip()):
        shown = "is not set" if value is None else f"'{value}' is not an e-mail address"
        raise ValueError(
            f"mkdocs.yml: extra.report_email {shown}; set it to the address that receives readers' "
            "reports of problems, e.g. report_email: corrections@your-domain.org (README, 'For maintainers')"
        )
    return value.strip()


def on_config(config):
    try:
        address(config.extra)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    return config


def on_env(env, config, files):
    policy = files.get_file_from_path(POLICY_PAGE)
    join = files.get_file_from_path(dashboard.JOIN_PAGE)
    env.globals["kb_review_links"] = {
        "policy": policy.url + POLICY_ANCHOR if policy else "",
        "join": join.url if join else "",
    }
    return env
