"""Findings: problems reported as data, rendered once at the edge."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str
    severity: str = ERROR

    def text(self) -> str:
        prefix = "" if self.severity == ERROR else "warning: "
        return f"{self.path}:{self.line}: {prefix}{self.rule}: {self.message}"

    def github(self) -> str:
        level = "error" if self.severity == ERROR else "warning"
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},title={self.rule}::{message}"


def render(findings: list[Finding], fmt: str = "text") -> str:
    ordered = sorted(findings)
    if fmt == "json":
        return json.dumps([asdict(f) for f in ordered], indent=2)
    if fmt == "github":
        return "\n".join(f.github() for f in ordered)
    return "\n".join(f.text() for f in ordered)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
