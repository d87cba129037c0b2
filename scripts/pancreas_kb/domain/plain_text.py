"""Plain text: what a field that readers see as words (a title, a name) may hold.

The theme prints some of these fields without escaping them (Material writes a
page's description into a `<meta>` attribute and its title into the navigation
as they are), so they are held to plain words before anything prints them: no
markup, no character references that a later step could turn back into markup,
no straight double quote (which ends an attribute), and no control or
invisible direction characters (which can make a text read as another).
"""

from __future__ import annotations

import re
import unicodedata

_MARKUP_RE = re.compile(r"[<>]")
_REFERENCE_RE = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);?", re.I)
# Bidirectional overrides and isolates, and the zero-width characters: invisible,
# they reorder or hide what a reader (and a reviewer) sees.
_INVISIBLE = set("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff")


def problem(value: str, *, prose: bool = False) -> str | None:
    """Why `value` is not plain text, with the fix; None when it is.

    `prose`: text printed as a paragraph, never inside an attribute, which may hold
    line breaks and straight quotes (a What's new summary).
    """
    for char in value:
        if prose and char == "\n":
            continue
        if char in _INVISIBLE or (unicodedata.category(char) == "Cc"):
            return f"holds the invisible character U+{ord(char):04X}; delete it (retype the text around it)"
    if _MARKUP_RE.search(value):
        return "holds < or >, which would be read as markup; write the words (e.g. 'less than')"
    match = _REFERENCE_RE.search(value)
    if match and (match.group(0).endswith(";") or match.group(1).startswith("#")):
        return f"holds the character reference '{match.group(0)}'; type the character itself"
    if '"' in value and not prose:
        return 'holds a straight double quote ("), which ends an HTML attribute; use curly quotes “ ”'
    return None
