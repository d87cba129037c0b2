"""Pictures drawn for the site: SVG files written into the page, and icon arrays drawn
from the figure their caption states.

A picture is an SVG file under docs/assets/images/, placed in a page as a figure:

    <figure class="kb-picture" markdown>
    ![The text alternative: what the picture shows, in words.](../assets/images/name.svg)
    <figcaption markdown>The caption, which may cite like any text [@key].</figcaption>
    </figure>

The file is written into the page rather than linked, so that it takes the page's
colours (site.css styles its classes, in the light and the dark scheme) and costs
no extra request. Only what a drawing needs is allowed in it: no scripts, styles,
links, embedded images or references outside the file.

An icon array of 100 people is drawn from the words of its caption, so that its
figure is written, and cited, once:

    <figure class="kb-icon-array" markdown>
    About 11 in 100 people treated this way were alive after 2 years [@key].
    </figure>

The first "N in 100" (or "N out of 100") of the caption is the number of people
drawn filled; the others are drawn as outlines, so the two groups differ by more
than colour.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# What a drawing needs; anything else (script, style, foreignObject, image, a,
# animation) is refused.
ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "path",
        "circle",
        "ellipse",
        "rect",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "title",
        "desc",
        "defs",
        "use",
        "symbol",
        "marker",
        "pattern",
        "linearGradient",
        "radialGradient",
        "stop",
        "clipPath",
        "mask",
    ]
)
_URL_REF = re.compile(r"url\(\s*([^)]*)\)")

IMG_RE = re.compile(r'<p>\s*<img alt="(?P<alt>[^"]*)" src="(?P<src>[^"]+\.svg)"\s*/?>\s*</p>')
ICON_ARRAY_RE = re.compile(r'<figure class="kb-icon-array">\s*<p>(?P<caption>.*?)</p>\s*</figure>', re.S)
# "N in 100" in each of the site's languages (Spanish: "N de cada 100").
COUNT_RE = re.compile(r"\b(\d{1,3})\s+(?:in|out of|de cada)\s+100\b")
TAG_RE = re.compile(r"<[^>]+>")


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def problems(svg: str) -> list[str]:
    """Why this SVG text may not go into a page; [] when it may."""
    if re.search(r"<!(DOCTYPE|ENTITY)", svg, re.I):
        return ["declares a DOCTYPE or entities; a drawing needs neither"]
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as error:
        return [f"is not well-formed XML ({error})"]
    if root.tag != f"{{{SVG_NS}}}svg":
        return ['the root element must be <svg xmlns="http://www.w3.org/2000/svg">']
    found = []
    for element in root.iter():
        name = _local(element.tag)
        if not element.tag.startswith(f"{{{SVG_NS}}}") or name not in ELEMENTS:
            found.append(f"<{name}> is not allowed in a picture")
        for attribute, value in element.attrib.items():
            key = _local(attribute)
            # An HTML parser lowercases attribute names once the drawing is in the page, so
            # HREF and Style act as href and style there.
            if key.lower().startswith("on"):
                found.append(f"<{name} {key}>: event handlers run scripts")
            elif key.lower() == "href" and not value.startswith("#"):
                found.append(f"<{name} {key}={value!r}>: refers outside the file")
            elif key.lower() == "style":
                found.append(f"<{name} style>: use a class that site.css styles")
            if any(not ref.strip("'\" ").startswith("#") for ref in _URL_REF.findall(value)):
                found.append(f"<{name} {key}={value!r}>: refers outside the file")
            if re.search(r"javascript:|data:", value, re.I):
                found.append(f"<{name} {key}>: no javascript: or data: addresses")
    return found


def inline(svg: str, alt: str) -> str:
    """The SVG as page markup, named by its text alternative."""
    root = ET.fromstring(svg)
    root.set("role", "img")
    root.set("aria-label", alt)
    root.set("class", " ".join(filter(None, [root.get("class"), "kb-picture__drawing"])))
    for title in [e for e in root if _local(e.tag) in ("title", "desc")]:
        root.remove(title)  # the alt text names it; a second name would be read twice
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(root, encoding="unicode")


# One person, in a cell 12 wide and 14 high: a head and shoulders, drawn with relative
# commands so that each person is one absolute move and the rest.
_PERSON = (
    "a2.2,2.2 0 1,0 4.4,0a2.2,2.2 0 1,0 -4.4,0z"  # head
    "m-2.2,9.5v-2.5a2.8,2.8 0 0,1 2.8,-2.8h3.2a2.8,2.8 0 0,1 2.8,2.8v2.5z"  # shoulders
)
_COLUMNS = 10
_CELL_W = 12
_CELL_H = 14


def _people(indices) -> str:
    return "".join(f"M{(i % _COLUMNS) * _CELL_W + 3.8:g},{(i // _COLUMNS) * _CELL_H + 3.2:g}{_PERSON}" for i in indices)


def icon_array(count: int, label: str) -> str:
    """100 people, the first `count` filled, the rest outlined; `label` is its text alternative."""
    width, height = _COLUMNS * _CELL_W, 10 * _CELL_H
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(label)}" '
        f'class="kb-icon-array__drawing">'
        f'<path class="kb-icon-array__on" d="{_people(range(count))}"/>'
        f'<path class="kb-icon-array__off" d="{_people(range(count, 100))}"/>'
        "</svg>"
    )


def icon_array_count(caption_html: str) -> int | None:
    """The N of the caption's first "N in 100", or None when it states none (or more than 100)."""
    match = COUNT_RE.search(html.unescape(TAG_RE.sub("", caption_html)))
    if not match or int(match.group(1)) > 100:
        return None
    return int(match.group(1))


def fill_icon_arrays(content: str, label: str) -> tuple[str, list[str]]:
    """Each icon-array figure drawn from its caption; problems for captions without a figure.
    `label` is the drawing's text alternative, with {count} for the people filled and
    {rest} for the others."""
    found: list[str] = []

    def draw(match: re.Match) -> str:
        caption = match["caption"]
        count = icon_array_count(caption)
        if count is None:
            words = html.unescape(TAG_RE.sub("", caption)).strip()
            found.append(f'icon array "{words[:60]}": its caption must say how many "in 100"')
            return match.group(0)
        return (
            f'<figure class="kb-icon-array">{icon_array(count, label.format(count=count, rest=100 - count))}'
            f"<figcaption>{caption}</figcaption></figure>"
        )

    return ICON_ARRAY_RE.sub(draw, content), found
