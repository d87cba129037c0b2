"""Only what readers need is published: the project's data files stay out of the site.

MkDocs copies every file of docs/ and of the theme's custom folder into the site,
so the theme's wording (overrides/strings.yml) and the benchmark's figures
(docs/about/performance.json) would be served at public URLs. They are read by
the build and the tools from the sources; no page links to them.
"""

from __future__ import annotations

# Data, not content: YAML and JSON files the sources keep beside the pages and templates.
DATA_SUFFIXES = (".yml", ".yaml", ".json")


def on_files(files, config):
    for file in [f for f in files if f.src_uri.endswith(DATA_SUFFIXES) and not f.generated_by]:
        files.remove(file)
    return files
