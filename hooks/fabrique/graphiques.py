"""Charts drawn as SVG in Python: no script, no third-party host; the data table goes beside them.

The drawing is kept small (it is repeated on a page with its table): integer coordinates, the
label alignment and the colours in CSS (``fabrique-parcourir.css``), one ``<title>`` per bar
(the full label and the value, shown on hover; the figures page reads the data in its table).
"""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 640
LABEL_WIDTH = 230
BAR_HEIGHT = 18
ROW_HEIGHT = 28
MAX_LABEL = 30


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def barres(ident: str, lignes: list[tuple[str, int]]) -> Markup:
    """A horizontal bar chart; hidden from screen readers, which read the table that follows it."""
    top = max((value for _, value in lignes), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 50
    height = ROW_HEIGHT * len(lignes) + 8
    parts = [
        f'<svg class="fabrique-graphique__svg" id="{escape(ident)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" aria-hidden="true" focusable="false">'
    ]
    for index, (label, value) in enumerate(lignes):
        y = 4 + index * ROW_HEIGHT
        width = round(room * value / top)
        parts.append(
            f"<g><title>{escape(label)} : {value}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}">{escape(_short(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 14}">{value}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
