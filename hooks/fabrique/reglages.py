"""The build's settings: every environment variable the product reads, read once into one frozen object.

:meth:`Reglages.lire` is called once per build (the engine package does it when the
configuration is loaded); the domain code receives the values. Each field names its variable
and says what it does; the README's « Réglages » table lists every variable (a test checks it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any, Mapping


def _reglage(variable: str, defaut: Any, effet: str) -> Any:
    return field(default=defaut, metadata={"variable": variable, "effet": effet})


@dataclass(frozen=True)
class Reglages:
    site_url: str | None = _reglage("FABRIQUE_SITE_URL", None, "adresse publique du site (lue par mkdocs.yml)")
    repo_url: str | None = _reglage("FABRIQUE_REPO_URL", None, "adresse du dépôt (lue par mkdocs.yml)")
    edit_uri: str | None = _reglage("FABRIQUE_EDIT_URI", None, "chemin d'édition du dépôt (lu par mkdocs.yml)")
    brouillons: bool = _reglage("FABRIQUE_BROUILLONS", True, "« 0 » : les brouillons sont exclus")
    pdf: bool = _reglage("FABRIQUE_PDF", False, "« 1 » : le guide en PDF")
    hors_ligne: bool = _reglage("FABRIQUE_OFFLINE", False, "« 1 » : la copie hors ligne")
    copie_hors_ligne: bool = _reglage("FABRIQUE_HORS_LIGNE_COPIE", False, "posée par la construction de la copie hors ligne elle-même")
    html_dangereux_avertir: bool = _reglage("FABRIQUE_HTML_DANGEREUX", False, "« avertir » : le HTML dangereux devient un avertissement (tests)")
    decap_auth_url: str | None = _reglage("FABRIQUE_DECAP_AUTH_URL", None, "relais OAuth de l'éditeur en ligne")
    decap_local: str | None = _reglage("FABRIQUE_DECAP_LOCAL", None, "adresse d'un decap-server local : l'éditeur écrit dans le dossier du projet (essais, tests)")
    chromium: str | None = _reglage("FABRIQUE_CHROMIUM", None, "chemin de Chromium pour « fabrique accessibilite » (par défaut /usr/bin/chromium)")
    source_date_epoch: str | None = _reglage("SOURCE_DATE_EPOCH", None, "date de référence de la construction (secondes)")

    @classmethod
    def lire(cls, environ: Mapping[str, str] | None = None) -> "Reglages":
        """The settings of this process's environment."""
        env = os.environ if environ is None else environ
        valeurs: dict[str, Any] = {}
        for champ in fields(cls):
            brut = env.get(champ.metadata["variable"])
            valeurs[champ.name] = _valeur(champ.name, brut, champ.default)
        return cls(**valeurs)

    @property
    def avec_copie_hors_ligne(self) -> bool:
        """The offline copy is asked for (and this build is not the copy itself)."""
        return self.hors_ligne and not self.copie_hors_ligne


def _valeur(nom: str, brut: str | None, defaut: Any) -> Any:
    if nom == "brouillons":
        return brut != "0"
    if nom == "copie_hors_ligne":
        return (brut or "").lower() in ("1", "true")
    if nom == "html_dangereux_avertir":
        return brut == "avertir"
    if isinstance(defaut, bool):
        return brut == "1"
    return brut or None


def variable(nom: str) -> str:
    """The environment variable of the setting ``nom`` (a field of :class:`Reglages`)."""
    return next(f.metadata["variable"] for f in fields(Reglages) if f.name == nom)


def variables() -> dict[str, str]:
    """Every setting: field name -> environment variable."""
    return {f.name: f.metadata["variable"] for f in fields(Reglages)}


def environnement(**valeurs: Any) -> dict[str, str]:
    """The environment variables that give these settings: ``environnement(pdf=True)`` -> ``{"FABRIQUE_PDF": "1"}``."""
    out = {}
    for nom, valeur in valeurs.items():
        if nom == "html_dangereux_avertir":
            texte = "avertir" if valeur else ""
        elif nom == "copie_hors_ligne":
            texte = "true" if valeur else "0"
        elif isinstance(valeur, bool):
            texte = "1" if valeur else "0"
        else:
            texte = "" if valeur is None else str(valeur)
        out[variable(nom)] = texte
    return out
