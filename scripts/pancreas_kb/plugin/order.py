"""The order of the parts' on_page_markdown, stated once: a higher priority runs first.

Where it matters, each part's place is named here and its module uses the name, so the
order can be read in one place and no two parts depend on which was registered first.
"""

# Reads the page's source once; every later part reads its record.
PAGE_RECORD = 100
# Writes the entries into the What's new page, so that from here on they are read like any page's text.
WHATS_NEW = 70
# Finds the claims, quotes and grades in the text, before the citations become footnotes.
EVIDENCE = 60
# Before mkdocs-bibtex (priority 0) turns [@key] into footnotes.
CITATIONS = 50
