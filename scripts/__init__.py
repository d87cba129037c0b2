"""Checks and tools for the knowledge base, as packages by role: domain, checker, bench, tools.

Everything the site knows about its own content (the front-matter schema, the
review states, the bibliography and its formatting) is defined here once, so
the MkDocs hooks and the `make check` command share one definition.
"""
