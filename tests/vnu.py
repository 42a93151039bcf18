"""The W3C Nu HTML Checker (npm ``vnu-jar``, run with Java) on a built site: its HTML and its CSS."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: CSS properties the checker does not know (it follows CSS specifications, where these are SVG
#: presentation properties) but that every current browser applies: file of the site -> property
#: -> why we keep it. Any other CSS error fails, and so does one of these in another file.
CSS_ALLOWED = {
    "assets/carte.css": {
        "paint-order": "le trait épais du repère qui a le focus est peint sous son remplissage (SVG 2)",
        "vector-effect": "le contour des points des mini-cartes garde son épaisseur quelle que soit l'échelle (SVG 1.2 Tiny, SVG 2)",
    },
    "assets/fabrique-parcourir.css": {
        "rx": "coins arrondis des barres des graphiques (propriété géométrique de SVG 2)",
    },
}

_UNKNOWN_PROPERTY = re.compile(r"CSS: “([a-z-]+)”: Property “\1” doesn't exist\.")


def _allowed(path: str, message: str) -> bool:
    found = _UNKNOWN_PROPERTY.fullmatch(message)
    return bool(found) and found.group(1) in CSS_ALLOWED.get(path, {})


def errors(site: Path) -> list[str]:
    """``page:line: message`` for every error of every HTML page and CSS file of ``site``, in one run."""
    if shutil.which("java") is None:
        pytest.fail("java est absent : lancez « bash .ci/setup test » (paquet Debian default-jre-headless)")
    if not VNU.is_file():
        pytest.fail(f"{VNU} est absent : lancez « bash .ci/setup test » (npm ci dans tests/)")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", "--also-check-css", str(site)],
        capture_output=True, text=True, timeout=900,
    )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu n'a pas répondu en JSON (code {result.returncode}) : {result.stderr[:2000]}")
    root = site.resolve().as_uri().removeprefix("file://")
    lines = []
    for message in messages:
        path = message.get("url", "").removeprefix("file:").removeprefix(root).lstrip("/")
        if message.get("type") in ("error", "non-document-error") and not _allowed(path, message["message"]):
            lines.append(f"{path}:{message.get('lastLine', '?')}: {message['message']}")
    return lines
