"""The accessibility checks catch what they claim to: each one on a small page made to fail it."""

from __future__ import annotations

import pytest

from fabrique.controles_accessibilite import CLIPPED, MOTION, OVERFLOW_320, SVG, TEXT_SPACING, keyboard_walk, skip_link
from fabrique import accessibilite

pytestmark = pytest.mark.browser


def empty() -> dict[str, list[str]]:
    return {key: [] for key in accessibilite.AUTOMATIQUES}


def test_keyboard_walk_reports_invisible_focus_unreachable_elements_and_order(page) -> None:
    page.set_content("""<html lang="fr"><body>
      <style>a:focus, button:focus { outline: none; }</style>
      <a href="#a">un</a>
      <button tabindex="3">positif</button>
      <div onclick="void 0" role="button" tabindex="-1">jamais atteint</div>
      <a href="#b">deux</a>
    </body></html>""")
    found = empty()
    keyboard_walk(page, "/essai", found)
    assert any("focus invisible" in message for message in found["clavier-focus-visible"])
    assert any("ordre de tabulation" in message for message in found["clavier-parcours"])


def test_keyboard_walk_reports_a_trap(page) -> None:
    page.set_content("""<html lang="fr"><body>
      <a href="#a">avant</a>
      <input id="piege" aria-label="piège">
      <a href="#b">après</a>
      <script>document.getElementById('piege').addEventListener('keydown', e => { if (e.key === 'Tab') e.preventDefault(); });</script>
    </body></html>""")
    found = empty()
    keyboard_walk(page, "/essai", found)
    assert found["clavier-sans-piege"] and "piège" in found["clavier-sans-piege"][0]


def test_skip_link_must_come_first_and_lead_into_main(page) -> None:
    page.set_content('<html lang="fr"><body><a href="#x">Accueil</a><main><h1 id="x">Titre</h1></main></body></html>')
    found = empty()
    skip_link(page, "/essai", found)
    assert found["lien-evitement"]
    page.set_content('<html lang="fr"><body><a href="#x">Aller au contenu</a><main><h1 id="x">Titre</h1></main></body></html>')
    found = empty()
    skip_link(page, "/essai", found)
    assert not found["lien-evitement"]


def test_reflow_text_spacing_motion_and_svg_checks_find_their_faults(page) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.set_content('<html lang="fr"><body><div style="width:600px">trop large</div></body></html>')
    assert page.evaluate(OVERFLOW_320)["scrollWidth"] > 321

    page.set_viewport_size({"width": 1280, "height": 800})
    page.set_content('<html lang="fr"><body><p style="height:1.3em;line-height:1.2;overflow:hidden">Un texte court sur une ligne</p></body></html>')
    before = page.evaluate(CLIPPED)
    page.add_style_tag(content=TEXT_SPACING)
    assert not before and page.evaluate(CLIPPED)

    page.set_content('<html lang="fr"><body><style>.x { transition: opacity 2s; }</style><div class="x">anime</div></body></html>')
    assert page.evaluate(MOTION)

    page.set_content('<html lang="fr"><body><svg width="200" height="200"><circle r="50" cx="60" cy="60"/></svg>'
                     '<svg role="img" aria-label="Carte" width="200" height="200"></svg></body></html>')
    problems = page.evaluate(SVG)
    assert any("sans nom" in p for p in problems) and any("Carte" in p for p in problems)
