"""The web editor for allies without git: Decap CMS, self-hosted, configured from the schemas.

Every collection and field of ``/admin/config.yml`` is derived from ``data/schemas/`` (labels,
hints, required fields, allowed values, patterns, lengths), so the editor never disagrees with
``fabrique check``. Saving in the editor opens a pull request (editorial workflow; with open
authoring, an ally without write access works in a fork made for them). Decap's own files come
from the npm project ``editeur/`` (``npm ci`` in ``.ci/setup``) and are published under
``/admin/``: the editor loads nothing from another host.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import escape

from . import reglages
from .model import Corpus
from .schemas import Schemas, choices

#: Pages of the built site allowed to load a script from another host: none (the editor is
#: self-hosted since Decap CMS comes from ``editeur/``).
EXTERNAL_SCRIPT_PAGES: dict[str, str] = {}

#: Folders of the built site left out of the offline copy, and why.
ONLINE_ONLY_FOLDERS: dict[str, str] = {
    "admin/": "l'éditeur en ligne : il enregistre dans le dépôt, ce qui demande le réseau",
}

#: Folder of the site where the editor is published.
ADMIN_FOLDER = "admin"

#: The npm project of the editor (its ``package.json`` pins Decap CMS and decap-server).
EDITOR_FOLDER = "editeur"
EDITOR_PACKAGE = "decap-cms"

#: The files of Decap's ``dist/`` the editor loads (its main script, the chunks it loads on
#: demand, their WebAssembly); source maps are left out.
DIST_PATTERNS = ("decap-cms.js", "*.decap-cms.js", "*.wasm")

#: Environment variable: address of a decap-server (``…/api/v1``) the editor uses instead of
#: GitHub when the site is opened from 127.0.0.1 or localhost (trying the editor, the tests).
LOCAL_VARIABLE = reglages.variable("decap_local")

#: Largest image an ally may upload, in bytes.
MAX_IMAGE_BYTES = 500_000

#: Decap widgets the generated configuration may use.
WIDGETS = {"string", "text", "markdown", "number", "boolean", "select", "relation", "list", "object", "hidden", "image"}

#: What the editor says when the text has an image with no alternative text.
NO_ALT_MESSAGE = ("Une image du texte n'a pas de texte alternatif : ouvrez-la et remplissez « Texte alternatif », "
                  "qui dit ce qu'elle montre à qui ne la voit pas.")

#: The sketch banner of the preview (the site's banner: overrides/main.html).
SKETCH_BANNER = "Cette page ne dit que ce que les sources publiques confirment."


@dataclass(frozen=True)
class Editor:
    """Decap CMS as installed in ``editeur/node_modules``."""

    dist: Path
    version: str
    expected: str

    def files(self) -> list[Path]:
        return sorted({path for pattern in DIST_PATTERNS for path in self.dist.glob(pattern)})


def find_editor(*roots: Path) -> Editor | None:
    """The installed editor of the first of these repositories that has one."""
    for root in roots:
        package = root / EDITOR_FOLDER / "node_modules" / EDITOR_PACKAGE
        if (package / "dist" / "decap-cms.js").is_file():
            version = json.loads((package / "package.json").read_text(encoding="utf-8")).get("version", "")
            wanted = json.loads((root / EDITOR_FOLDER / "package.json").read_text(encoding="utf-8"))["dependencies"][EDITOR_PACKAGE]
            return Editor(package / "dist", version, wanted)
    return None

def data_collections(schemas: Schemas) -> dict[str, str]:
    """The editor's collections of ``data/``: schema -> folder, for every kind of data record
    whose ``x-fabrique`` annotation says ``contribuee`` (allies edit territories and programmes)."""
    return {name: genre.donnees for name, genre in schemas.genres.items() if genre.contribuee and genre.donnees}


def github_repository(repo_url: str | None) -> str | None:
    """``owner/name`` of a GitHub address, or None."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git")
    if parts.netloc.lower() not in ("github.com", "www.github.com") or path.count("/") != 1:
        return None
    return path


def branch_of(edit_uri: str | None) -> str:
    """The branch named in an ``edit_uri`` such as ``edit/main/docs/`` (``main`` otherwise)."""
    parts = (edit_uri or "").strip("/").split("/")
    return parts[1] if len(parts) >= 2 and parts[0] in ("edit", "blob", "tree") else "main"


def _options(schemas: Schemas, schema: str, name: str) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for value, label in schemas.labels(schema, name).items()]


def field(schemas: Schemas, schema: str, name: str, prop: dict[str, Any], required: bool, corpus: Corpus,
          base: str = "") -> dict[str, Any]:
    """One Decap field from one schema property."""
    prop, base = schemas.follow(prop, base or f"{schema}.schema.json")
    result: dict[str, Any] = {"name": name, "label": prop.get("title", name)}
    hint = " ".join(str(prop.get("description", "")).split())
    if hint:
        result["hint"] = hint[0].upper() + hint[1:] + "."
    result["required"] = required
    kind = prop.get("type")
    related = data_collections(schemas).values()
    if f"{name}s" in related and kind == "string":
        result.update(widget="relation", collection=f"{name}s", value_field="id", search_fields=["nom", "id"], display_fields=["nom"])
    elif "const" in prop:
        result.update(widget="hidden", default=prop["const"])
    elif choices(prop):
        result.update(widget="select", options=[{"label": label, "value": value} for value, label in choices(prop)])
        if "default" in prop:
            result["default"] = prop["default"]
    elif kind == "array":
        items, base = schemas.follow(prop.get("items", {}), base)
        if choices(items):
            result.update(widget="select", multiple=True, options=[{"label": label, "value": value} for value, label in choices(items)])
        elif name in related:
            result.update(widget="relation", collection=name, value_field="id", search_fields=["nom", "id"],
                          display_fields=["nom"], multiple=True)
        elif name == "themes":
            result.update(widget="select", multiple=True,
                          options=[{"label": theme.nom, "value": theme.id} for theme in corpus.themes.values()])
        elif items.get("type") == "object":
            subrequired = set(items.get("required", []))
            result.update(widget="list", fields=[
                field(schemas, schema, key, value, key in subrequired, corpus, base) for key, value in items.get("properties", {}).items()
            ])
        else:
            result.update(widget="list", field={**field(schemas, schema, "element", items, True, corpus, base), "label": result["label"]})
    elif kind == "object":
        subrequired = set(prop.get("required", []))
        result.update(widget="object", fields=[
            field(schemas, schema, key, value, key in subrequired, corpus, base) for key, value in prop.get("properties", {}).items()
        ])
    elif kind == "integer":
        result.update(widget="number", value_type="int")
        for key, target in (("minimum", "min"), ("maximum", "max")):
            if key in prop:
                result[target] = prop[key]
    elif kind == "number":
        result.update(widget="number", value_type="float")
        for key, target in (("minimum", "min"), ("maximum", "max")):
            if key in prop:
                result[target] = prop[key]
    elif kind == "boolean":
        result.update(widget="boolean")
    elif kind is None or kind == "string" or (isinstance(kind, list) and "string" in kind):
        long_text = prop.get("maxLength", 0) >= 300 or (prop.get("minLength") == 1 and "maxLength" not in prop and "pattern" not in prop)
        result["widget"] = "text" if long_text else "string"
        regex = pattern(prop)
        if regex:
            result["pattern"] = [regex, hint or "forme incorrecte"]
    return result


def pattern(prop: dict[str, Any]) -> str | None:
    """One regular expression for the schema's ``pattern``, ``minLength`` and ``maxLength`` (Decap takes one)."""
    low, high = prop.get("minLength"), prop.get("maxLength")
    length = f"(?=[\\s\\S]{{{low or 0},{high if high is not None else ''}}}$)" if low or high is not None else ""
    if "pattern" not in prop:
        return f"^{length}" if length else None
    return f"^{length}(?:{prop['pattern']})" if length else prop["pattern"]


def missing_widgets(fields: list[dict[str, Any]], parent: str = "") -> list[str]:
    """Names of the fields (``a.b`` when nested) that no Decap widget edits."""
    missing = []
    for item in fields:
        name = f"{parent}{item['name']}"
        if item.get("widget") not in WIDGETS:
            missing.append(name)
        missing += missing_widgets(item.get("fields", []), name + ".")
        if "field" in item:
            missing += missing_widgets([item["field"]], name + ".")
    return missing


def fields(schemas: Schemas, schema: str, corpus: Corpus) -> list[dict[str, Any]]:
    """Every field of a record of this schema, in the schema's order."""
    required = set(schemas.required(schema))
    return [field(schemas, schema, name, prop, name in required, corpus, base)
            for name, (prop, base) in schemas.declared(schema).items()]


def config(schemas: Schemas, corpus: Corpus, repo_url: str | None, edit_uri: str | None, site_url: str | None,
           auth_url: str | None = None, local_url: str | None = None) -> dict[str, Any]:
    """The whole Decap configuration (``/admin/config.yml``)."""
    repository = github_repository(repo_url)
    if repository:
        backend: dict[str, Any] = {"name": "github", "repo": repository, "branch": branch_of(edit_uri), "open_authoring": True,
                                   "commit_messages": {"create": "Nouvelle contribution : {{collection}} « {{slug}} »",
                                                       "update": "Modification : {{collection}} « {{slug}} »",
                                                       "delete": "Suppression : {{collection}} « {{slug}} »"}}
        if auth_url:
            backend["base_url"] = auth_url
    else:
        backend = {"name": "test-repo"}
    collections: list[dict[str, Any]] = []
    for kind, genre in schemas.pages.items():
        if not genre.contribuee:
            continue
        title = genre.titre
        collections.append({
            "name": kind,
            "label": genre.pluriel,
            "label_singular": title,
            "description": " ".join(schemas.get(kind).get("description", "").split()),
            "folder": genre.source,
            "extension": "md",
            "format": "frontmatter",
            "filter": {"field": "type", "value": kind},
            "create": True,
            "slug": "{{fields.id}}",
            "identifier_field": "titre",
            "summary": "{{titre}}",
            # images go to docs/assets/images/, linked relatively (the site may live under a sub-path)
            "media_folder": "../assets/images",
            "public_folder": "../assets/images",
            "fields": fields(schemas, kind, corpus) + [
                {"name": "body", "label": "Texte de la page", "widget": "markdown", "required": True,
                 "hint": "Écrivez avec vos mots, citez vos sources. Pas de HTML ni de donnée personnelle. "
                         f"Une image pèse au plus {MAX_IMAGE_BYTES // 1000} Ko et porte un texte alternatif qui la décrit.",
                 "media_library": {"config": {"max_file_size": MAX_IMAGE_BYTES}}},
            ],
        })
    for schema, folder in data_collections(schemas).items():
        document = schemas.get(schema)
        collections.append({
            "name": folder,
            "label": schemas.genres[schema].pluriel,
            "label_singular": document.get("title", schema),
            "description": " ".join(document.get("description", "").split()),
            "folder": schemas.genres[schema].source,
            "extension": "yml",
            "format": "yaml",
            "create": True,
            "slug": "{{fields.id}}",
            "identifier_field": "nom",
            "summary": "{{nom}}",
            "fields": fields(schemas, schema, corpus),
        })
    result: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "fr",
        "media_folder": "docs/assets/images",
        "public_folder": "assets/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    if site_url:
        result["site_url"] = site_url
        result["display_url"] = site_url
    if local_url:
        result["local_backend"] = {"url": local_url}
    return result


def config_yaml(data: dict[str, Any]) -> str:
    header = "# Généré par la construction du site à partir de data/schemas/ : ne pas modifier à la main.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


@dataclass(frozen=True)
class SignIn:
    """What signing in to the editor needs, and what is missing."""

    repository: bool
    relay: bool
    local: bool


def notice(state: SignIn, editor: Editor | None) -> str:
    """What /admin/ tells an ally before the editor, in French, when saving cannot work as is."""
    guide = '<a href="../contribuer/">guide de contribution</a>'
    if editor is None:
        return ("<strong>L'éditeur en ligne n'est pas installé sur ce site.</strong> La personne qui construit le site "
                "doit lancer <code>bash .ci/setup</code> (qui installe <code>editeur/</code> avec npm). En attendant, "
                f"proposez votre modification comme l'explique le {guide}.")
    if state.local:
        return ("Éditeur relié au serveur local <code>decap-server</code> quand le site est ouvert depuis cet ordinateur : "
                "un enregistrement écrit directement dans les fichiers du dépôt.")
    if not state.repository:
        return ("<strong>Démonstration : rien n'est enregistré.</strong> L'éditeur n'est pas encore relié au dépôt du corpus "
                "(réglage <code>FABRIQUE_REPO_URL</code>). Vous pouvez l'essayer ; pour proposer une modification, suivez le "
                f"{guide}.")
    if not state.relay:
        return ("<strong>La connexion à GitHub n'est pas encore réglée</strong> (réglage <code>FABRIQUE_DECAP_AUTH_URL</code>, "
                "l'adresse du relais de connexion) : « Se connecter avec GitHub » ne peut pas aboutir. En attendant, utilisez "
                f"le bouton « Modifier cette page » des pages du site ou suivez le {guide}.")
    return ""


def admin_html(site_name: str, editor: Editor | None, state: SignIn) -> str:
    """The page of the web editor: Decap CMS and the preview, both served from /admin/ itself."""
    text = notice(state, editor)
    block = f'<p class="fabrique-admin-avis" role="note">{text}</p>' if text else ""
    scripts = "\n  ".join(f'<script src="{name}"></script>' for name in ("decap-cms.js", "reglages.js", "apercu.js")) if editor else ""
    return f"""<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <title>Éditeur en ligne — {escape(site_name)}</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
  <link rel="icon" href="../assets/images/favicon.png">
  <style>
    .fabrique-admin-avis {{ margin: 0; padding: .75rem 1rem; background: #fff4e5; color: #3d2400;
      border-bottom: 2px solid #b35900; font: 1rem/1.5 system-ui, sans-serif; }}
    .fabrique-admin-avis a {{ color: #00564d; }}
  </style>
</head>
<body>
  <noscript><p>L'éditeur en ligne a besoin de JavaScript. Vous pouvez aussi proposer une fiche par une
  demande de fusion (voir le <a href="../contribuer/">guide de contribution</a>).</p></noscript>
  {block}
  {scripts}
</body>
</html>
"""


def settings_script(styles: list[str], collections: list[str]) -> str:
    """``/admin/reglages.js``: what ``overrides/admin/apercu.js`` needs from the build
    (``collections``: the contributed kinds, whose preview shows the sketch banner)."""
    settings = {"styles": styles, "collections": collections, "esquisse": SKETCH_BANNER,
                "poids": MAX_IMAGE_BYTES, "sansAlt": NO_ALT_MESSAGE}
    return "// Généré par la construction du site (fabrique.decap).\nwindow.FABRIQUE_EDITEUR = " + json.dumps(
        settings, ensure_ascii=False, indent=1) + ";\n"
