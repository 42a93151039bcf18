"""Markup of Material's ``base.html`` that no template block reaches, made valid HTML.

Material writes ``autocomplete="off"`` on its drawer and search toggles, two checkboxes, where
HTML allows the attribute only on text-like inputs (W3C Nu checker). Overriding the whole
``base.html`` for two attributes would copy 260 lines of the theme; the page's HTML is mended instead.
"""

from __future__ import annotations

#: Material 9.8's toggles, exactly as ``base.html`` writes them, and what they become.
TOGGLES = {
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">':
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">'
    for name in ("drawer", "search")
}


def valid_toggles(html: str) -> str:
    """The page without the ``autocomplete`` attribute on Material's two checkboxes."""
    for theirs, ours in TOGGLES.items():
        html = html.replace(theirs, ours, 1)
    return html
