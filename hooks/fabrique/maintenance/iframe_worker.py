"""Regenerate ``overrides/assets/vendor/iframe-worker/`` (the Web Worker shim for ``file://``).

Material's offline plugin loads this shim from a CDN; the offline copy uses this local copy
instead (no request to a third-party host). Source: the ``iframe-worker`` package (npm, MIT)::

    python -m fabrique.maintenance.iframe_worker
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "1.0.4"
TARGET = Path(__file__).resolve().parents[3] / "overrides" / "assets" / "vendor" / "iframe-worker"


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["npm", "pack", f"iframe-worker@{VERSION}"], cwd=work, check=True, capture_output=True)
        with tarfile.open(Path(work) / f"iframe-worker-{VERSION}.tgz") as archive:
            for member, name in (("package/shim/index.js", "shim.js"), ("package/LICENSE", "LICENSE")):
                extracted = archive.extractfile(member)
                assert extracted is not None
                TARGET.mkdir(parents=True, exist_ok=True)
                (TARGET / name).write_bytes(extracted.read())
    print(f"iframe-worker {VERSION} -> {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
