"""axe-core, run in the page, from the copy bundled with axe-playwright-python (no network)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]


@lru_cache(maxsize=1)
def source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def start(page) -> None:
    """Start axe on the page as it is now, without waiting, so several tabs can run at once."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's Content-Security-Policy,
        # which refuses inline scripts, does not apply to it.
        page.evaluate(source())
    page.evaluate(
        "tags => { window.kbAxe = axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))}))); }",
        TAGS,
    )


def result(page) -> list[dict]:
    """The violations found by the run `start` began."""
    return page.evaluate("window.kbAxe")


def violations(page) -> list[dict]:
    """axe's violations of WCAG 2.1 A and AA on the page as it is now."""
    start(page)
    return result(page)


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for url, items in found.items():
        for v in items:
            lines.append(f"{url}: {v['id']} ({v['help']})")
            lines += [f"    {node}" for node in v["nodes"][:5]]
    return "\n".join(lines)
