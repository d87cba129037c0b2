"""The real sources copied elsewhere, with a configuration that builds them there."""

from pancreas_kb.checker.project_files import plugin_options
from pancreas_kb.tools import project_copy


def test_a_copy_holds_every_file_the_hooks_read_and_the_config_points_at_it(tmp_path):
    project_copy.copy_sources(tmp_path)
    for name in (*project_copy.DATA_FILES, *project_copy.SOURCE_DATA, "references.bib", "docs/index.md"):
        assert (tmp_path / name).exists(), name
    config = project_copy.repointed_config(tmp_path, strict=True, nav=True)
    assert config["docs_dir"] == str(tmp_path / "docs") and config["nav"]
    assert config["theme"]["custom_dir"] == str(project_copy.ROOT / "overrides")
    # MkDocs' !ENV tag is read at its default: a copy builds everything.
    assert plugin_options(config, "knowledge-base")["serve_full"] is False
    assert "nav" not in project_copy.repointed_config(tmp_path, strict=False)
