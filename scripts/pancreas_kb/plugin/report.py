"""The address readers write to about a problem with a page: `extra.report_email` in mkdocs.yml.

Every page's review record offers it as a link that needs no account anywhere (a
prefilled e-mail naming the page), so a build without a usable address fails
rather than publish a link that goes nowhere.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

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
