"""Read a source file's bytes as text, the same way for the build and the checker.

MkDocs' own reader stops the build with a traceback on a byte that is not
UTF-8, and silently accepts a byte order mark and CRLF line ends that other
tools then read differently. Reading the bytes here first turns each of those
into a finding with its line, and still gives back text, so every other check
runs and the editor sees every problem at once.
"""

from __future__ import annotations

import re

from .findings import Finding

BOM = b"\xef\xbb\xbf"
# Characters Python-Markdown uses as its own placeholders (STX, ETX) and other
# controls no editor types on purpose; tab, newline and carriage return are fine.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
REPLACEMENT = "\ufffd"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(path: str, data: bytes) -> tuple[str, list[Finding]]:
    """The file's text and findings: undecodable bytes, a byte order mark, CRLF ends, control characters.

    The text has the BOM removed, line ends as LF, and each bad byte or control
    character replaced by U+FFFD, so its line numbers are the file's own.
    """
    findings: list[Finding] = []
    if data.startswith(BOM):
        data = data[len(BOM) :]
        findings.append(
            Finding(
                path,
                1,
                "file-bom",
                "the file starts with a byte order mark; save it as UTF-8 without BOM "
                "(most editors: 'UTF-8', not 'UTF-8 with BOM')",
            )
        )
    try:
        text = data.decode()  # bytes.decode reads UTF-8 unless told otherwise, whatever the locale
    except UnicodeDecodeError as exc:
        findings.append(
            Finding(
                path,
                _line_of(data, exc.start),
                "file-encoding",
                f"byte {exc.start} (0x{data[exc.start]:02x}) is not UTF-8 ({exc.reason}); save the file as UTF-8",
            )
        )
        text = data.decode(errors="replace")
    if "\r" in text:
        first = _line_of(data, data.find(b"\r"))
        findings.append(
            Finding(
                path,
                first,
                "file-line-endings",
                f"line {first} ends with a carriage return (Windows CRLF line ends); save the "
                "file with LF line ends (set your editor to 'LF', or git config core.autocrlf input)",
            )
        )
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        match = CONTROL_RE.search(line)
        if match:
            findings.append(
                Finding(
                    path,
                    number,
                    "file-control-character",
                    f"column {match.start() + 1} holds the invisible control character "
                    f"U+{ord(match.group(0)):04X}; delete it (it often comes from copying "
                    "out of a PDF or a word processor)",
                )
            )
    text = CONTROL_RE.sub(REPLACEMENT, text)
    return text, findings
