"""Reading what an editor wrote: project files that cannot be read or decoded, and self-closed tags
in built pages (checker/project_files.py, checker/html_scan.py)."""

from pancreas_kb.checker import html_scan, project_files
from pancreas_kb.domain.findings import Finding


def test_a_missing_or_unreadable_file_is_a_finding_at_line_1_with_the_systems_reason(tmp_path):
    assert project_files.read_text(tmp_path / "absent.yml", "absent.yml") == (
        "",
        Finding("absent.yml", 1, "file-unreadable", "cannot be read: No such file or directory"),
    )
    assert project_files.read_text(tmp_path, "a-folder.yml") == (
        "",
        Finding("a-folder.yml", 1, "file-unreadable", "cannot be read: Is a directory"),
    )


def test_a_file_is_read_as_utf8_text_with_its_first_problem_at_its_line(tmp_path):
    path = tmp_path / "data.yml"
    path.write_bytes(b"- a: \xc3\xa9\r\n- b: \xff\r\n")  # CRLF ends too: the byte is the first problem
    text, problem = project_files.read_text(path, "data.yml")
    assert text == "- a: é\n- b: \ufffd\n"
    assert (problem.path, problem.line, problem.rule) == ("data.yml", 2, "file-encoding")
    assert problem.message.startswith("byte 14 (0xff) is not UTF-8")


def test_a_clean_file_is_its_text_and_no_finding(tmp_path):
    path = tmp_path / "data.yml"
    path.write_text("- a: é\n", encoding="utf-8")
    assert project_files.read_text(path, "data.yml") == ("- a: é\n", None)


def test_a_self_closed_script_or_style_ends_there_and_the_text_after_it_is_still_read():
    page = html_scan.scan(
        "p.html",
        '<script src="a.js" defer/>[@a] one\n<style media="print"/>[@b] two\n<img src="i.png" id="pic"/>',
    )
    assert page.raw == [
        html_scan.Raw(1, "script", 'src="a.js" defer=""', "", False),
        html_scan.Raw(2, "style", 'media="print"', "", False),
    ]
    assert [(f.line, f.what, f.needle) for f in page.leaks] == [(1, "[@", "[@a] one"), (2, "[@", "[@b] two")]
    assert [(u.url, u.tag, u.line) for u in page.urls] == [("a.js", "script", 1), ("i.png", "img", 3)]
    assert page.ids == {"pic"}
