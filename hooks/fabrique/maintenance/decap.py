"""Pin the Decap CMS release loaded by ``/admin/``: its version and its integrity hash.

    python -m fabrique.maintenance.decap 3.16.3

fetches the package with ``npm pack`` (the npm registry), hashes ``dist/decap-cms.js`` (the file
unpkg serves for that version) and rewrites ``DECAP_VERSION`` and ``DECAP_INTEGRITY`` in
``fabrique/decap.py``.
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

MODULE = Path(__file__).resolve().parent.parent / "decap.py"


def integrity(version: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", f"decap-cms@{version}", "--silent"], cwd=folder, check=True, capture_output=True)
        archive = next(Path(folder).glob("decap-cms-*.tgz"))
        with tarfile.open(archive) as tar:
            member = tar.extractfile("package/dist/decap-cms.js")
            if member is None:
                raise SystemExit("dist/decap-cms.js absent du paquet")
            digest = hashlib.sha384(member.read()).digest()
    return "sha384-" + base64.b64encode(digest).decode("ascii")


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not re.fullmatch(r"\d+\.\d+\.\d+", argv[0]):
        print("usage : python -m fabrique.maintenance.decap VERSION (ex. 3.16.3)", file=sys.stderr)
        return 2
    version = argv[0]
    value = integrity(version)
    text = MODULE.read_text(encoding="utf-8")
    text = re.sub(r'^DECAP_VERSION = ".*"$', f'DECAP_VERSION = "{version}"', text, flags=re.MULTILINE)
    text = re.sub(r'^DECAP_INTEGRITY = ".*"$', f'DECAP_INTEGRITY = "{value}"', text, flags=re.MULTILINE)
    MODULE.write_text(text, encoding="utf-8")
    print(f"Decap CMS {version} : {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
