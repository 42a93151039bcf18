"""Read ``docs/`` front matter and ``data/`` YAML into a validated :class:`Corpus`."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection, Iterator

from . import geographie, permanence, reproductible, safety, validation, yamlsource
from .model import (
    Chiffre,
    Corpus,
    DocumentSource,
    Origin,
    Participation,
    Programme,
    Proposition,
    Recommandation,
    Ressource,
    Territoire,
    Theme,
)
from .problems import Problems
from .schemas import Genre, Schemas
from .yamlsource import split_front_matter

#: Folders of ``data/`` that hold no records.
NOT_RECORDS = ("schemas", "geo")


@dataclass
class Project:
    """Where a project's content lives."""

    root: Path
    docs_dir: Path
    data_dir: Path

    @classmethod
    def at(cls, root: Path, docs_dir: Path | None = None) -> "Project":
        root = root.resolve()
        return cls(root, (docs_dir or root / "docs").resolve(), (root / "data").resolve())

    def relative(self, path: Path) -> str:
        """The path as the repository names it (a symbolic link by its own name, not its target's)."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def outside_links(self, problems: Problems) -> set[Path]:
        """Symbolic links of ``docs/`` and ``data/`` that lead out of the repository: each one is a problem."""
        found: set[Path] = set()
        for top in (t for t in (self.docs_dir, self.data_dir) if os.path.lexists(t)):
            for folder, dirs, files in os.walk(top, onerror=_raise):
                for name in sorted(dirs + files):
                    path = Path(folder) / name
                    if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(self.root):
                        found.add(path)
                        problems.add(self.relative(path), 1, "(fichier)",
                                     "lien symbolique vers un fichier hors du dépôt : attendu un vrai fichier du dépôt "
                                     "(copiez le contenu à cet endroit au lieu d'un lien)")
        return found

    @property
    def schemas(self) -> Schemas:
        return Schemas(self.data_dir / "schemas")


def _raise(error: OSError) -> None:
    """A folder of the corpus that cannot be read stops the reading (never skipped in silence)."""
    raise error


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """Read a UTF-8 file; a file in another encoding is a problem, not a traceback."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(shown, line, "(fichier)", "le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8")
        return None
    return text.lstrip("\ufeff")


def _under(path: Path, links: Collection[Path]) -> bool:
    return any(path == link or link in path.parents for link in links)


def iter_data_records(project: Project, problems: Problems, refused: Collection[Path] = ()) -> Iterator[tuple[str, Any, Origin, tuple]]:
    """Yield (schema name, record, origin, path of the record in its file)."""
    if not project.data_dir.is_dir():
        return
    for path in sorted(project.data_dir.rglob("*")):
        if path.suffix not in (".yml", ".yaml") or not path.is_file() or _under(path, refused):
            continue
        parts = path.relative_to(project.data_dir).parts
        if parts[0] in NOT_RECORDS:
            continue
        shown = project.relative(path)
        collection = parts[0] if len(parts) > 1 else path.stem
        schema_name = project.schemas.collections.get(collection)
        if schema_name is None:
            known = ", ".join(sorted(project.schemas.collections))
            problems.add(shown, 1, "(fichier)", f"fichier de données inconnu : attendu un fichier ou dossier parmi {known}")
            continue
        text = read_text(path, shown, problems)
        if text is None:
            continue
        try:
            data, lines = yamlsource.load(text)
        except yamlsource.YamlError as error:
            problems.add(shown, error.line, "(fichier)", error.message)
            continue
        origin = Origin(shown, lines)
        if data is None:
            problems.add(shown, 1, "(fichier)", "fichier vide : attendu un enregistrement YAML")
        elif isinstance(data, list):
            for index, record in enumerate(data):
                yield schema_name, record, Origin(shown, lines.sub((index,))), ()
        elif isinstance(data, dict):
            yield schema_name, data, origin, ()
        else:
            problems.add(shown, 1, "(fichier)", "attendu un enregistrement (des champs « clé: valeur ») ou une liste d'enregistrements")


def iter_pages(project: Project, problems: Problems, refused: Collection[Path] = ()) -> Iterator[tuple[str, dict[str, Any], Origin]]:
    """Yield (path inside docs, front matter, origin) for every Markdown page."""
    for path in sorted(project.docs_dir.rglob("*.md")):
        if _under(path, refused):
            continue
        src_path = path.relative_to(project.docs_dir).as_posix()
        shown = project.relative(path)
        text = read_text(path, shown, problems)
        if text is None:
            continue
        front, _, offset = split_front_matter(text)
        if front is None:
            problems.add(shown, 1, "(en-tête)", "en-tête YAML absent : la page doit commencer par « --- », les champs id, type, titre et resume, puis « --- »")
            continue
        try:
            meta, lines = yamlsource.load(front, offset=offset)
        except yamlsource.YamlError as error:
            problems.add(shown, error.line, "(en-tête)", error.message)
            continue
        if meta is None or meta == {}:
            problems.add(shown, 1, "(en-tête)", "en-tête YAML vide : attendu au moins les champs id, type, titre et resume")
            continue
        if not isinstance(meta, dict):
            problems.add(shown, 2, "(en-tête)", "l'en-tête doit être une suite de champs « clé: valeur »")
            continue
        yield src_path, meta, Origin(shown, lines)


def load_referentiel(project: Project, corpus: Corpus) -> None:
    geo = project.data_dir / "geo"
    corpus.geo_dir = geo
    if (geo / "regions.csv").is_file():
        with (geo / "regions.csv").open(encoding="utf-8") as handle:
            corpus.regions = {row["code"]: row["nom"] for row in csv.DictReader(handle)}
    if (geo / "departements.csv").is_file():
        with (geo / "departements.csv").open(encoding="utf-8") as handle:
            corpus.departements = {row["code"]: (row["nom"], row["region"]) for row in csv.DictReader(handle)}


def load(project: Project, include_drafts: bool = True) -> tuple[Corpus, Problems]:
    """Load and validate the whole corpus; return it with every problem found."""
    problems = Problems()
    schemas = project.schemas
    corpus = Corpus(genres=project.schemas.genres)
    reference = reproductible.date_de_reference(project.root)
    if reference:
        corpus.annee_de_reference = int(reference[:4])
    load_referentiel(project, corpus)
    seen: dict[tuple[str, str], Origin] = {}
    refused = project.outside_links(problems)

    def duplicate(kind: str, record_id: Any, origin: Origin) -> bool:
        if not isinstance(record_id, str):
            return False
        key = (kind, record_id)
        if key in seen:
            first = seen[key]
            problems.add(origin.path, origin.line("id"), "id",
                         f"identifiant « {record_id} » déjà utilisé par {first.path}:{first.line('id')} : attendu un identifiant unique")
            return True
        seen[key] = origin
        return False

    for schema_name, record, origin, _ in iter_data_records(project, problems, refused):
        if not isinstance(record, dict):
            problems.add(origin.path, origin.line(), "(enregistrement)", "attendu un enregistrement (des champs « clé: valeur »)")
            continue
        found = validation.schema_problems(record, schema_name, origin, schemas)
        problems.extend(found)
        safety.check_record(record, origin, problems, found)
        if duplicate(schema_name, record.get("id"), origin) or found:
            continue
        if record.get("statut") == "brouillon" and not include_drafts:
            corpus.brouillons.add((schema_name, record["id"]))
            continue
        _add_record(corpus, schema_name, record, origin)

    for src_path, meta, origin in iter_pages(project, problems, refused):
        kind = meta.get("type")
        schema_name = kind if isinstance(kind, str) and kind in schemas.pages else "ressource"
        found = validation.schema_problems(meta, schema_name, origin, schemas)
        problems.extend(found)
        safety.check_page(project.docs_dir / src_path, meta, origin, problems, found, schemas.pages.get(kind))
        stem = Path(src_path).stem
        if isinstance(meta.get("id"), str) and stem != "index" and meta["id"] != stem:
            problems.add(origin.path, origin.line("id"), "id",
                         f"l'identifiant « {meta['id']} » diffère du nom du fichier : attendu « {stem} » (ou renommez le fichier en « {meta['id']}.md »)")
        if duplicate("ressource", meta.get("id"), origin) or found:
            continue
        if meta.get("statut") == "brouillon" and not include_drafts:
            corpus.brouillons.add(("ressource", meta["id"]))
            continue
        corpus.ressources.append(_ressource(src_path, meta, origin, schemas.pages.get(kind)))

    validation.check_references(corpus, problems)
    permanence.check(corpus, problems)
    geo = project.data_dir / "geo"
    geographie.resolve(corpus, geographie.Gazetteer.load(geo, project.relative(geo / geographie.POSITIONS)), problems,
                       schemas.labels("territoire", "type"))
    corpus.link()
    return corpus, problems


def _add_record(corpus: Corpus, schema_name: str, record: dict[str, Any], origin: Origin) -> None:
    if schema_name == "territoire":
        coordonnees = record.get("coordonnees")
        corpus.territoires[record["id"]] = Territoire(
            id=record["id"],
            nom=record["nom"],
            type=record["type"],
            code=record.get("code"),
            departement=record.get("departement"),
            region=record.get("region"),
            pays=record.get("pays"),
            coordonnees=(coordonnees["lat"], coordonnees["lon"]) if coordonnees else None,
            description=record.get("description", ""),
            participations=[
                Participation(p["programme"], p.get("debut"), p.get("fin"), p.get("role"))
                for p in record.get("participations", [])
            ],
            statut=record.get("statut", "publie"),
            sources=record.get("sources", []),
            anciens_ids=record.get("anciens_ids", []),
            origin=origin,
        )
    elif schema_name == "programme":
        corpus.programmes[record["id"]] = Programme(
            id=record["id"],
            nom=record["nom"],
            dispositif=record["dispositif"],
            debut=record.get("debut"),
            fin=record.get("fin"),
            description=record["description"],
            territoires_declares=record.get("territoires_declares"),
            region_en_plus=record.get("region_en_plus", False),
            partenaires=record.get("partenaires", []),
            theme_ids=record.get("themes", []),
            statut=record.get("statut", "publie"),
            sources=record.get("sources", []),
            anciens_ids=record.get("anciens_ids", []),
            origin=origin,
        )
    elif schema_name == "theme":
        corpus.themes[record["id"]] = Theme(record["id"], record["nom"], record.get("description", ""), origin)
    elif schema_name == "proposition":
        corpus.propositions[record["id"]] = Proposition(
            pilier=record["pilier"],
            axe=record.get("axe"),
            competences=record["competences"],
            acteurs=record.get("acteurs", []),
            **_illustree(record, origin),
        )
    elif schema_name == "recommandation":
        corpus.recommandations[record["id"]] = Recommandation(
            destinataires=record["destinataires"],
            posture=record.get("posture"),
            proposition_ids=record.get("propositions", []),
            **_illustree(record, origin),
        )
    elif schema_name == "source":
        corpus.sources[record["id"]] = DocumentSource(
            id=record["id"],
            titre=record["titre"],
            nature=record["nature"],
            description=record["description"],
            editeur=record.get("editeur"),
            auteurs=record.get("auteurs", []),
            date=record.get("date"),
            annee=record.get("annee"),
            fiabilite=record.get("fiabilite"),
            origin=origin,
        )
    elif schema_name == "chiffre":
        corpus.chiffres.append(
            Chiffre(
                id=record["id"],
                libelle=record["libelle"],
                valeur=record["valeur"],
                source=record["source"],
                plus_de=record.get("plus_de", False),
                mesure=record.get("mesure"),
                remarque=record.get("remarque"),
                texte=record.get("texte"),
                partie_de=record.get("partie_de"),
                decomposition=record.get("decomposition"),
                origin=origin,
            )
        )


def _illustree(record: dict[str, Any], origin: Origin) -> dict[str, Any]:
    return {
        "id": record["id"],
        "titre": record["titre"],
        "texte": record["texte"],
        "theme_ids": record.get("themes", []),
        "fiche_ids": record.get("fiches", []),
        "retour_ids": record.get("retours", []),
        "territoire_ids": record.get("territoires", []),
        "statut": record.get("statut", "publie"),
        "ordre": record.get("ordre"),
        "sources": record.get("sources", []),
        "origin": origin,
    }


def _ressource(src_path: str, meta: dict[str, Any], origin: Origin, genre: Genre | None) -> Ressource:
    return Ressource(
        id=meta["id"],
        type=meta["type"],
        titre=meta["titre"],
        resume=meta["resume"],
        src_path=src_path,
        date=meta.get("date"),
        annee=meta.get("annee"),
        auteurs=meta.get("auteurs", []),
        organisation=meta.get("organisation"),
        territoire_ids=meta.get("territoires", []),
        programme_ids=meta.get("programmes", []),
        theme_ids=meta.get("themes", []),
        fondamentaux=meta.get("fondamentaux", []),
        fantastiques=meta.get("fantastiques", []),
        dimensions=meta.get("dimensions", []),
        statut=meta.get("statut", "publie"),
        licence=meta.get("licence"),
        sources=meta.get("sources", []),
        ordre=meta.get("ordre"),
        meta=meta,
        origin=origin,
        genre=genre,
    )


def is_draft_page(path: Path) -> bool:
    """A page of ``docs/`` whose front matter says ``statut: brouillon`` (however it is quoted)."""
    front, _, _ = split_front_matter(path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff"))
    if not front:
        return False
    try:
        meta, _ = yamlsource.load(front)
    except yamlsource.YamlError:
        return False
    return isinstance(meta, dict) and meta.get("statut") == "brouillon"
