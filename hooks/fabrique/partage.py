"""What a shared link shows: the site's card image (OpenGraph, Twitter) and ``robots.txt``.

One card for the whole site, drawn at build time with Pillow (PNG: what social networks read;
they ignore SVG). A card per resource was measured at 17 to 29 ms and about 30 KB each: 50 to 90 s
of build and 100 MB of site at 3,000 resources, beyond the build targets, so it is not made.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from .citations import Site

#: Where the card is published in the site.
CARD_PATH = "assets/partage.png"
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND = "#00564c"  # the site's teal, darkened: white text on it has a contrast of 8:1
FOREGROUND = "#ffffff"
#: DejaVu Sans (Debian's fonts-dejavu-core, installed by .ci/setup for the PDF too): Pillow's own
#: font has no accented letters.
FONTS = {"gras": "DejaVuSans-Bold.ttf", "normal": "DejaVuSans.ttf"}


class PoliceAbsente(Exception):
    """The card's font is not installed."""


def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(FONTS[weight], size)
    except OSError:
        raise PoliceAbsente(f"police {FONTS[weight]} introuvable pour l'image de partage : "
                            "lancez « bash .ci/setup » (paquet Debian fonts-dejavu-core)") from None


@dataclass(frozen=True)
class Carte:
    """The card as the ``<meta>`` tags announce it."""

    url: str
    alt: str
    largeur: int = WIDTH
    hauteur: int = HEIGHT
    type: str = "image/png"


def carte(site: Site, description: str) -> Carte:
    """The card of the site; its alternative text says what the image writes."""
    return Carte(site.absolute(CARD_PATH), f"{site.nom}. {description}".strip())


def _lines(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def card_png(site_name: str, description: str) -> bytes:
    """A 1200×630 PNG: the site's name (split at « — » into name and subtitle) and its description."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    name, _, subtitle = site_name.partition(" — ")
    y = MARGIN
    for text, weight, size, gap in ((name, "gras", 72, 18), (subtitle, "normal", 46, 40), (description, "normal", 32, 12)):
        font = _font(weight, size)
        for line in _lines(draw, text, font, WIDTH - 2 * MARGIN):
            if y + size > HEIGHT - MARGIN // 2:
                break
            draw.text((MARGIN, y), line, font=font, fill=FOREGROUND)
            y += size + 12
        y += gap
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill="#ff7043")  # the accent colour (deep orange)
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def robots_txt(site: Site) -> str:
    """Every page may be crawled; the sitemap is named by its absolute address."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.absolute('sitemap.xml')}\n"
