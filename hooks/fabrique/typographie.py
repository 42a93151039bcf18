"""French typography for printed text: narrow no-break spaces where French puts them.

Before ; : ! ? and inside « », French sets a narrow no-break space (U+202F). Applied to the
text nodes of a document (never to code, nor to addresses): see :func:`espaces_fines`.
"""

from __future__ import annotations

import re

FINE = "\u202f"
_SPACES = " \u00a0\u202f"
#: Punctuation preceded by a narrow no-break space; « : » only when a space or the end follows
#: (so "10:30", "https://…" and "a:b" stay as they are).
_PONCTUATION = re.compile(r"[ \u00a0\u202f]*(?P<signe>[;!?]|:(?=\s|$))")
_OUVRANT = re.compile(r"«[ \u00a0\u202f]*")
_FERMANT = re.compile(r"[ \u00a0\u202f]*»")
_ADRESSE = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+", re.IGNORECASE)


def _segment(text: str) -> str:
    def ponctuation(match: re.Match[str]) -> str:
        start = match.start()
        before = text[start - 1] if start > 0 else ""
        # "?!" or "!!": only the first sign takes the space.
        if before in ";:!?" and not match.group(0)[0] in _SPACES:
            return match.group(0)
        return FINE + match.group("signe")

    text = _PONCTUATION.sub(ponctuation, text)
    text = _OUVRANT.sub("«" + FINE, text)
    return _FERMANT.sub(FINE + "»", text)


def espaces_fines(text: str) -> str:
    """Put narrow no-break spaces before ; : ! ? and inside « », leaving web addresses alone.

    Idempotent: a text already typeset is returned unchanged.
    """
    parts: list[str] = []
    position = 0
    for match in _ADRESSE.finditer(text):
        parts.append(_segment(text[position:match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_segment(text[position:]))
    return "".join(parts)


#: Elements whose text is never changed: code, and what is not prose.
IGNORES = frozenset({"code", "pre", "kbd", "samp", "script", "style", "var"})


def composer(soup) -> None:  # noqa: ANN001 (a BeautifulSoup tree)
    """Apply :func:`espaces_fines` to every text node of an HTML tree outside code."""
    from bs4 import NavigableString
    from bs4.element import Comment

    for node in list(soup.find_all(string=True)):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        if any(parent.name in IGNORES for parent in node.parents):
            continue
        typeset = espaces_fines(str(node))
        if typeset != str(node):
            node.replace_with(NavigableString(typeset))
