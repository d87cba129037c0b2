"""The project's data files beside the pages and templates are not published; generated files are."""

from mkdocs.structure.files import File, Files

from pancreas_kb.plugin import unpublished


def test_data_files_from_the_sources_are_left_out_of_the_site():
    def file(path, generated_by=None):
        f = File(path, "/docs", "/site", use_directory_urls=True)
        f.generated_by = generated_by
        return f

    files = Files(
        [
            file("index.md"),
            file("strings.yml"),
            file("about/performance.json"),
            file("data/x.yaml"),
            file("assets/site.css"),
            file("search/index.json", generated_by="knowledge-base"),
        ]
    )
    assert unpublished.on_files(files, None) is files
    assert [f.src_uri for f in files] == ["index.md", "assets/site.css", "search/index.json"]
