"""The « Données ouvertes » page: the files of the release, their size, rows and schema."""

from __future__ import annotations

from markupsafe import Markup

from ..donnees import DATASET_TITLE, FOLDER, LICENCE, LIST_DELIMITER, PUBLISHER, TABLE_TITLES, Release
from ..francais import date_fr, taille_fr
from ..render import Renderer, md_escape
from ..pages import GeneratedPage

PATH = f"{FOLDER}/index.md"
#: The columns of every table, on a page of their own (the release page stays under 50 KB).
DICTIONNAIRE = f"{FOLDER}/dictionnaire.md"


def page(release: Release, renderer: Renderer) -> GeneratedPage:
    """Not in :func:`.generateurs.generators`: it needs the release, which the build makes from the config."""
    date_texte = date_fr(release.date) if release.date else "non datée"
    meta = {
        "title": "Données ouvertes",
        "description": "Le corpus de la Fabrique des transitions en données ouvertes : territoires, programmes, ressources et chiffres en CSV, JSON et GeoJSON, sous Licence Ouverte 2.0.",
    }
    tables = {f.table for f in release.fichiers}
    content = renderer.render(
        "donnees.md.j2",
        PATH,
        meta,
        release=release,
        tables=tables,
        titres={name: TABLE_TITLES.get(name, name) for name in tables},
        taille=taille_fr,
        descripteur=len(release.descripteur),
        catalogue=len(release.catalogue),
        date_texte=date_texte,
        date_courte=release.date or "—",
        licence_courte="Licence Ouverte 2.0",
        version_texte=f" (version {release.commit})" if release.commit else "",
        formats={"csv": "CSV", "json": "JSON", "geojson": "GeoJSON"},
        licence=LICENCE,
        licence_lien=Markup(f"[{md_escape(LICENCE['title'])}]({LICENCE['path']})"),
        adresse_descripteur=Markup(release.base + "datapackage.json"),
        separateur=LIST_DELIMITER,
        producteur=PUBLISHER,
        titre=DATASET_TITLE,
        dictionnaire=DICTIONNAIRE,
    )
    return GeneratedPage(PATH, content, "donnees")


def dictionnaire(release: Release, renderer: Renderer) -> GeneratedPage:
    """The data dictionary: the columns of each table of the release, with their title and description."""
    meta = {
        "title": "Dictionnaire des données",
        "description": "Les colonnes de chaque table des données ouvertes de la Fabrique des transitions, leur titre et leur description.",
    }
    content = renderer.render("donnees-dictionnaire.md.j2", DICTIONNAIRE, meta, release=release, retour=PATH)
    return GeneratedPage(DICTIONNAIRE, content, "donnees")
