"""Checks and tools for the knowledge base, as packages by role: domain, checker, bench, tools.

Everything the site knows about its own content (the front-matter schema, the
review states, the bibliography and its formatting) is defined here once, so
the MkDocs hooks and the `make check` command share one definition.
"""

from pathlib import Path

# The repository this package is installed from (editable: scripts/pancreas_kb/ in
# it). The benchmark and the project copies read the real sources there.
CHECKOUT = Path(__file__).resolve().parents[2]
