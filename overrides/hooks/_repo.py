"""Make the project's `scripts` package importable from MkDocs hooks.

MkDocs puts a hook's folder on sys.path only while importing it; the hooks'
logic lives in `scripts/` at the repository root, two folders up.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
