"""Reading a source file's bytes: each problem a finding at its line, and text every other check can read."""

import pytest

from pancreas_kb.domain import source_text

BOM = (
    1,
    "file-bom",
    "the file starts with a byte order mark; save it as UTF-8 without BOM "
    "(most editors: 'UTF-8', not 'UTF-8 with BOM')",
)


def crlf(line):
    return (
        line,
        "file-line-endings",
        f"line {line} ends with a carriage return (Windows CRLF line ends); save the file with LF line ends "
        "(set your editor to 'LF', or git config core.autocrlf input)",
    )


def control(line, column, code):
    return (
        line,
        "file-control-character",
        f"column {column} holds the invisible control character U+{code}; delete it "
        "(it often comes from copying out of a PDF or a word processor)",
    )


@pytest.mark.parametrize(
    ("data", "text", "expected"),
    [
        (b"# T\n\nCaf\xc3\xa9.\n", "# T\n\nCafé.\n", []),
        (b"\tTabs\tare fine\n", "\tTabs\tare fine\n", []),
        (b"\xef\xbb\xbf# T\n", "# T\n", [BOM]),
        (b"# T\xef\xbb\xbf\n", "# T\ufeff\n", []),  # only a mark at the start is a byte order mark
        (b"\xef\xbb\xbfa\r\nb\r\n", "a\nb\n", [BOM, crlf(1)]),
        (b"a\nb\rc\r\nd", "a\nb\nc\nd", [crlf(2)]),
        (b"a\nb\nc\r", "a\nb\nc\n", [crlf(3)]),
        (
            b"ok\nbad \xe9t\xe9\nx\xff\n",
            "ok\nbad \ufffdt\ufffd\nx\ufffd\n",
            [(2, "file-encoding", "byte 7 (0xe9) is not UTF-8 (invalid continuation byte); save the file as UTF-8")],
        ),
        (
            b"\xef\xbb\xbfa\n\n\xe2\x82",
            "a\n\n\ufffd",
            [BOM, (3, "file-encoding", "byte 3 (0xe2) is not UTF-8 (unexpected end of data); save the file as UTF-8")],
        ),
        (
            b"\n\xff\r\n",
            "\n\ufffd\n",
            [
                (2, "file-encoding", "byte 1 (0xff) is not UTF-8 (invalid start byte); save the file as UTF-8"),
                crlf(2),
            ],
        ),
        (
            b"\xffa\r\nb",
            "\ufffda\nb",
            [
                (1, "file-encoding", "byte 0 (0xff) is not UTF-8 (invalid start byte); save the file as UTF-8"),
                crlf(1),
            ],
        ),
        (
            b"a\x01b\x08\nc\x7f\n\x0b\n\x0c\x0e\x1f \x00",
            "a\ufffdb\ufffd\nc\ufffd\n\ufffd\n\ufffd\ufffd\ufffd \ufffd",
            [control(1, 2, "0001"), control(2, 2, "007F"), control(3, 1, "000B"), control(4, 1, "000C")],
        ),
        (b"x\x1a\r\ny\x1b", "x\ufffd\ny\ufffd", [crlf(1), control(1, 2, "001A"), control(2, 2, "001B")]),
    ],
)
def test_each_problem_is_a_finding_at_its_line_and_the_text_stays_readable(data, text, expected):
    decoded, findings = source_text.decode("docs/p.md", data)
    assert decoded == text
    assert [(f.path, f.line, f.rule, f.message) for f in findings] == [("docs/p.md", *e) for e in expected]
    assert all(f.severity == "error" for f in findings)
