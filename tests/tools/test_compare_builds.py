"""Two builds compared file by file; only the generator's name may differ."""

import gzip

from pancreas_kb.tools import compare_builds


def _site(root, generator, extra=None):
    (root / "a").mkdir(parents=True)
    (root / "index.html").write_text(f'<head><meta name="generator" content="{generator}"></head>\n<p>Hi</p>\n')
    (root / "a" / "index.html").write_text("<p>A</p>\n")
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset/>", mtime=0 if generator == "x" else 1))
    for name, text in (extra or {}).items():
        (root / name).write_text(text)
    return root


def test_builds_differing_only_in_generator_are_the_same(tmp_path):
    a = _site(tmp_path / "a", "mkdocs-1.6.1, mkdocs-material-9.8.1")
    b = _site(tmp_path / "b", "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1")
    assert compare_builds.differences(a, b) == []
    assert compare_builds.main([str(a), str(b)]) == 0


def test_a_changed_line_and_a_missing_file_are_reported(tmp_path, capsys):
    a = _site(tmp_path / "a", "x", {"extra.html": "<p>only here</p>"})
    b = _site(tmp_path / "b", "y")
    (b / "a" / "index.html").write_text("<p>B</p>\n")
    found = compare_builds.differences(a, b)
    assert found == ["extra.html: only in " + str(a), "a/index.html: differs: -<p>A</p>"]
    assert compare_builds.main([str(a), str(b)]) == 1
    assert compare_builds.main([str(a), str(tmp_path / "missing")]) == 2


def test_the_search_index_is_left_out_but_a_page_beside_it_is_not(tmp_path):
    a = _site(tmp_path / "a", "x")
    b = _site(tmp_path / "b", "x")
    for site, chunk in ((a, "en_1"), (b, "en_2")):
        (site / "pagefind").mkdir()
        (site / "pagefind" / f"{chunk}.pf_meta").write_text(chunk)
    assert compare_builds.differences(a, b) == []
    (a / "pagefind.html").write_text("<p>not the index</p>")
    assert compare_builds.differences(a, b) == ["pagefind.html: only in " + str(a)]
