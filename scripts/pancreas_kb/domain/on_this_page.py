""" "On this page" for phones: the page's sections, listed just under the key points.

On a wide screen the theme shows the page's contents beside the text; on a phone
it hides them in the menu drawer, where a reader scrolling a long page never
looks. This block lists the page's sections (its h2 headings) in a collapsed
<details>, so it costs one line under the key points until it is opened;
site.css shows it only where the theme's own contents column is hidden.
"""

from __future__ import annotations

from html import escape

CLASS = "kb-on-this-page"
# A page with fewer sections needs no list of them.
MIN_SECTIONS = 2


def block(sections: list[tuple[str, str]], label: str) -> str:
    """The collapsed list of (id, title) sections, or "" when there are too few."""
    if len(sections) < MIN_SECTIONS:
        return ""
    items = "".join(f'<li><a href="#{escape(id_)}">{escape(title)}</a></li>' for id_, title in sections)
    return f'<details class="{CLASS}"><summary>{escape(label)}</summary><ul>{items}</ul></details>\n'


def insert(html: str, listing: str) -> str:
    """`listing` placed before the first section heading: after the key points and any
    opening words, where a reader who has read them decides where to go."""
    at = html.find("<h2")
    if not listing or at < 0:
        return html
    return html[:at] + listing + html[at:]
