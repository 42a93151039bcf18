"""French words for values: dates, sizes. The one place that writes them for a reader."""

from __future__ import annotations

import datetime

from babel.dates import format_date


def date_fr(iso: str | datetime.date) -> str:
    """« 25 novembre 2026 », « 1er décembre 2026 » (Babel's long French date, with the ordinal
    « 1er » that French typography writes for the first day of a month)."""
    day = iso if isinstance(iso, datetime.date) else datetime.date.fromisoformat(str(iso))
    text = format_date(day, format="long", locale="fr_FR")
    return "1er" + text[1:] if day.day == 1 else text


def nombre(n: int, singulier: str, pluriel: str | None = None) -> str:
    """« 1 territoire », « 0 territoire », « 12 territoires »: French writes the singular up to one."""
    return f"{n} {singulier if abs(n) < 2 else (pluriel or singulier + 's')}"


def taille_fr(size: int) -> str:
    """A size in words, French style: « 812 octets », « 12,4 Ko », « 3,1 Mo »."""
    if size < 1000:
        return f"{size} octets"
    if size < 1000 * 1000:
        return f"{size / 1000:.1f} Ko".replace(".", ",")
    return f"{size / 1000 / 1000:.1f} Mo".replace(".", ",")
