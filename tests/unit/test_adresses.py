"""Addresses of the site, without MkDocs: each expected value written out as a visitor sees it."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from fabrique import adresses
from fabrique.model import Programme, Proposition, Recommandation, Territoire


def test_urls_of_source_paths_in_both_url_styles():
    assert adresses.url("fiches/x.md") == "fiches/x/"
    assert adresses.url("parcourir/index.md") == "parcourir/"
    assert adresses.url("index.md") == ""
    assert adresses.url("fiches/x.md", directory_urls=False) == "fiches/x.html"
    assert adresses.url("parcourir/index.md", directory_urls=False) == "parcourir/index.html"


def test_relative_links_between_pages():
    assert adresses.relative("fiches/x.md", "territoires/gruissan.md") == "../territoires/gruissan.md"
    assert adresses.relative("index.md", "fiches/index.md") == "fiches/index.md"
    assert adresses.relative("guide/vision/axe.md", "guide/vision.md") == "../vision.md"
    assert adresses.href("parcourir/themes/energie.md", "fiches/x.md") == "../../../fiches/x/"
    assert adresses.href("explorer/index.md", "territoires/gruissan.md") == "../territoires/gruissan/"
    assert adresses.href("parcourir/index.md", "parcourir/themes/index.md") == "themes/"
    assert adresses.href("parcourir/a-z.md", "index.md") == "../../"
    assert adresses.vers("carte/index.md", "carte/fond.svg") == "fond.svg"
    assert adresses.vers("programmes/x.md", "carte/") == "../../carte/"
    assert adresses.absolute("https://exemple.fr/site/", "fiches/x/") == "https://exemple.fr/site/fiches/x/"


def test_every_object_with_a_page_names_its_source_and_url():
    territoire = Territoire(id="gruissan", nom="Gruissan", type="commune")
    programme = Programme(id="cohorte", nom="Cohorte", dispositif="cohorte", debut=2021, description="…")
    assert (territoire.src_path, territoire.url) == ("territoires/gruissan.md", "territoires/gruissan/")
    assert (programme.src_path, programme.url) == ("programmes/cohorte.md", "programmes/cohorte/")
    assert adresses.of(territoire) == "territoires/gruissan/"
    assert adresses.of(object()) is None


def test_guide_objects_live_on_the_page_of_their_axe_or_part():
    proposition = Proposition(id="formaliser-la-vision", titre="Formaliser la vision", texte="…", pilier="vision", axe="Écrire le récit commun")
    assert proposition.src_path == "guide/vision/ecrire-le-recit-commun.md"
    assert adresses.of(proposition) == "guide/vision/ecrire-le-recit-commun/#formaliser-la-vision"
    assert Proposition(id="p", titre="P", texte="…", pilier="humain").src_path == "guide/humain.md"
    assert Recommandation(id="r", titre="R", texte="…", destinataires="elus").src_path == "guide/recommandations/elus.md"


@dataclass
class Shown:
    src_path: str
    anchor: str | None = None


def test_an_object_shown_at_an_anchor():
    assert adresses.of(Shown("guide/vision.md", "mobilite-douce")) == "guide/vision/#mobilite-douce"
    assert adresses.of(Shown("guide/index.md")) == "guide/"
    assert adresses.of(Shown("index.md")) == ""


def test_links_between_pages_are_those_of_relpath(model):
    """``href`` computes its relative URLs without the file system: the same as ``posixpath.relpath``."""
    corpus, _ = model
    pages = ["index.md", "explorer/index.md", "parcourir/themes/mobilite.md", "parcourir/themes/mobilite/pages/2.md",
             *(o.src_path for o in [*corpus.ressources, *corpus.territoires.values(), *corpus.programmes.values()])]
    for a in pages:
        for b in pages:
            found = posixpath.relpath(adresses.url(b) or ".", adresses.url(a) or ".")
            assert adresses.href(a, b) == ("./" if found == "." else found + "/"), (a, b)
