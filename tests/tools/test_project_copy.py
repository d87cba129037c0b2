"""The real sources copied elsewhere, with a configuration that builds them there."""

from scripts.tools import project_copy


def test_a_copy_holds_every_file_the_hooks_read_and_the_config_points_at_it(tmp_path):
    project_copy.copy_sources(tmp_path)
    for name in (*project_copy.DATA_FILES, *project_copy.SOURCE_DATA, "references.bib", "docs/index.md"):
        assert (tmp_path / name).exists(), name
    config = project_copy.repointed_config(tmp_path, strict=True, nav=True)
    assert config["docs_dir"] == str(tmp_path / "docs") and config["nav"]
    assert all(hook.startswith(str(project_copy.ROOT)) for hook in config["hooks"])
    assert "nav" not in project_copy.repointed_config(tmp_path, strict=False)
