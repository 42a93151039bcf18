"""The web editor (Decap CMS) mirrors the schemas; every page can be edited, sketches completed."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_mkdocs

sys.path.insert(0, str(ROOT / "hooks"))

from fabrique import decap, loader, safety  # noqa: E402
from fabrique.schemas import Schemas as _Schemas  # noqa: E402

KINDS = _Schemas(ROOT / "data/schemas").pages
CONTRIBUTED_KINDS = [k for k, g in KINDS.items() if g.contribuee]
from fabrique.schemas import Schemas  # noqa: E402

REPO = "https://github.com/organisation-de-test/corpus-de-test"  # a test value, not the real repository


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


#: What allies edit besides the pages: territories and programmes (issue #20), schema -> collection.
DATA_COLLECTIONS = {"territoire": "territoires", "programme": "programmes"}


def schema_of(collection: dict) -> str:
    return {folder: schema for schema, folder in DATA_COLLECTIONS.items()}.get(collection["name"], collection["name"])


def test_decap_configuration_lists_exactly_the_schema_fields(built_site: Path) -> None:
    config = yaml.safe_load((built_site / "admin/config.yml").read_text(encoding="utf-8"))
    schemas = Schemas(ROOT / "data/schemas")
    assert config["publish_mode"] == "editorial_workflow"
    assert {schema_of(c) for c in config["collections"]} == set(CONTRIBUTED_KINDS) | set(DATA_COLLECTIONS)
    for collection in config["collections"]:
        schema = schema_of(collection)
        properties = schemas.properties(schema)
        names = [f["name"] for f in collection["fields"]]
        expected = list(properties) + (["body"] if schema in KINDS else [])
        assert names == expected, schema
        assert "render_macros" not in names and "hide" not in names
        required = set(schemas.required(schema))
        for field in collection["fields"]:
            if field["name"] == "body":
                continue
            assert field["required"] == (field["name"] in required), (schema, field["name"])
            assert field["label"] == properties[field["name"]].get("title", field["name"])
            labels = schemas.labels(schema, field["name"])
            if field["widget"] == "select" and labels:
                assert [(o["value"], o["label"]) for o in field["options"]] == list(labels.items()), (schema, field["name"])
        if schema in KINDS:
            assert collection["folder"] == f"docs/{KINDS[schema].dossier}"
            assert collection["filter"] == {"field": "type", "value": schema}
            assert next(f for f in collection["fields"] if f["name"] == "type") == {
                "name": "type", "label": properties["type"]["title"], "hint": "Le type de la ressource.",
                "required": True, "widget": "hidden", "default": schema}


def test_decap_field_shapes_follow_the_schema() -> None:
    corpus, _ = loader.load(loader.Project.at(ROOT))
    schemas = Schemas(ROOT / "data/schemas")
    fields = {f["name"]: f for f in decap.fields(schemas, "territoire", corpus)}
    assert fields["departement"]["pattern"][0] == schemas.properties("territoire")["departement"]["pattern"]
    assert fields["coordonnees"]["widget"] == "object" and [f["name"] for f in fields["coordonnees"]["fields"]] == ["lat", "lon"]
    participation = {f["name"]: f for f in fields["participations"]["fields"]}
    assert participation["programme"]["widget"] == "relation" and participation["programme"]["collection"] == "programmes"
    assert participation["debut"] == {**participation["debut"], "widget": "number", "value_type": "int", "min": 1950, "max": 2100}
    fiche = {f["name"]: f for f in decap.fields(schemas, "fiche-projet-pilote", corpus)}
    assert fiche["territoires"]["widget"] == "relation" and fiche["territoires"]["multiple"] is True
    assert [o["value"] for o in fiche["themes"]["options"]] == list(corpus.themes)
    assert fiche["fondamentaux"]["multiple"] is True


def test_decap_backend_is_the_configured_github_repository_or_a_demo() -> None:
    corpus, _ = loader.load(loader.Project.at(ROOT))
    schemas = Schemas(ROOT / "data/schemas")
    github = decap.config(schemas, corpus, REPO, "edit/principale/docs/", "https://exemple.org/", "https://auth.exemple.org")
    assert github["backend"]["name"] == "github" and github["backend"]["repo"] == "organisation-de-test/corpus-de-test"
    assert github["backend"]["branch"] == "principale" and github["backend"]["open_authoring"] is True
    assert github["backend"]["base_url"] == "https://auth.exemple.org"
    assert decap.config(schemas, corpus, None, None, None)["backend"] == {"name": "test-repo"}
    assert decap.config(schemas, corpus, "https://gitlab.example/a/b", None, None)["backend"] == {"name": "test-repo"}


def test_admin_serves_the_pinned_decap_from_the_site_itself(built_site: Path) -> None:
    assert decap.EXTERNAL_SCRIPT_PAGES == {}
    soup = BeautifulSoup((built_site / "admin/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [s["src"] for s in soup.find_all("script")] == ["decap-cms.js", "reglages.js", "apercu.js"]
    assert (built_site / "admin/apercu.js").read_bytes() == (ROOT / "overrides/admin/apercu.js").read_bytes()
    assert soup.find("link", rel="cms-config-url")["href"] == "config.yml"
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    package = json.loads((ROOT / "editeur/package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "editeur/package-lock.json").read_text(encoding="utf-8"))
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), (name, version)  # an exact version, no range
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    installed = ROOT / "editeur/node_modules/decap-cms/dist/decap-cms.js"
    assert (built_site / "admin/decap-cms.js").read_bytes() == installed.read_bytes()
    assert not list((built_site / "admin").glob("*.map"))
    settings = (built_site / "admin/reglages.js").read_text(encoding="utf-8")
    styles = json.loads(re.search(r"window.FABRIQUE_EDITEUR = (\{.*\});", settings, re.S).group(1))["styles"]
    assert "../assets/fabrique.css" in styles and any("assets/stylesheets/main." in s for s in styles)
    for style in styles:
        assert (built_site / "admin" / style).resolve().is_file(), style
    assert "FABRIQUE_REPO_URL" in soup.get_text()  # not configured: says it is a demonstration
    assert "/admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")


def test_every_schema_field_has_a_widget(built_site: Path) -> None:
    config = yaml.safe_load((built_site / "admin/config.yml").read_text(encoding="utf-8"))
    for collection in config["collections"]:
        assert decap.missing_widgets(collection["fields"]) == [], collection["name"]
    corpus, _ = loader.load(loader.Project.at(ROOT))
    schemas = Schemas(ROOT / "data/schemas")
    unknown = decap.field(schemas, "territoire", "etrange", {"type": "null"}, False, corpus)
    nested = {"name": "bloc", "widget": "object", "fields": [unknown]}
    assert decap.missing_widgets([nested]) == ["bloc.etrange"]


def test_form_patterns_carry_the_schema_lengths_and_its_french_description() -> None:
    corpus, _ = loader.load(loader.Project.at(ROOT))
    schemas = Schemas(ROOT / "data/schemas")
    fiche = {f["name"]: f for f in decap.fields(schemas, "fiche-projet-pilote", corpus)}
    regex, message = fiche["resume"]["pattern"]
    assert message == schemas.properties("fiche-projet-pilote")["resume"]["description"]  # « 20 à 400 caractères »
    assert re.search(regex, "x" * 20) and not re.search(regex, "Court") and not re.search(regex, "x" * 401)
    regex, _ = fiche["titre"]["pattern"]
    assert re.search(regex, "Un titre") and not re.search(regex, "Un <b>titre</b>") and not re.search(regex, "Ab")
    assert fiche["id"]["pattern"][0].endswith("(?:^[a-z0-9]+(-[a-z0-9]+)*$)")


def test_admin_tells_the_ally_what_to_do_when_saving_cannot_work() -> None:
    editor = decap.Editor(ROOT / "editeur/node_modules/decap-cms/dist", "1", "1")
    demo = decap.admin_html("Site", editor, decap.SignIn(repository=False, relay=False, local=False))
    assert "rien n'est enregistré" in demo and "FABRIQUE_REPO_URL" in demo and "../contribuer/" in demo
    no_relay = decap.admin_html("Site", editor, decap.SignIn(repository=True, relay=False, local=False))
    assert "FABRIQUE_DECAP_AUTH_URL" in no_relay and "Modifier cette page" in no_relay
    ready = decap.admin_html("Site", editor, decap.SignIn(repository=True, relay=True, local=False))
    assert 'class="fabrique-admin-avis"' not in ready and '<script src="decap-cms.js">' in ready
    missing = decap.admin_html("Site", None, decap.SignIn(repository=True, relay=True, local=False))
    assert "bash .ci/setup" in missing and "<script" not in missing


def test_a_build_without_the_editor_says_so_in_french(monkeypatch, caplog) -> None:
    from fabrique import contribution

    monkeypatch.setattr(decap, "find_editor", lambda *roots: None)
    project = loader.Project.at(ROOT)
    corpus, _ = loader.load(project)
    with caplog.at_level("WARNING", logger="fabrique"):
        files = contribution.editor_files(project, corpus, "Site", None, None, None, None, None, [])
    assert any("L'éditeur en ligne n'est pas installé" in r.getMessage() and "bash .ci/setup" in r.getMessage() for r in caplog.records)
    assert "admin/decap-cms.js" not in files
    assert "bash .ci/setup" in files["admin/index.html"]


@pytest.fixture(scope="module")
def editable_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("editable") / "projet")
    site = project / "site"
    result = run_mkdocs(project, site, env={"FABRIQUE_REPO_URL": REPO})
    assert result.returncode == 0, result.stderr
    return site


def edit_link(soup: BeautifulSoup) -> str | None:
    link = soup.select_one("a.md-content__button[rel=edit]")
    return link["href"] if link else None


def test_every_page_has_modifier_cette_page_pointing_at_its_source(editable_site: Path) -> None:
    corpus, _ = loader.load(loader.Project.at(ROOT))
    for ressource in corpus.ressources:
        soup = soup_of(editable_site, ressource.url)
        assert edit_link(soup) == f"{REPO}/edit/main/docs/{ressource.src_path}", ressource.url
        assert soup.select_one("a.md-content__button[rel=edit]")["title"] == "Modifier cette page"
    for territoire in corpus.territoires.values():
        assert edit_link(soup_of(editable_site, territoire.url)) == f"{REPO}/edit/main/data/territoires/{territoire.id}.yml"
    for programme in corpus.programmes.values():
        assert edit_link(soup_of(editable_site, programme.url)) == f"{REPO}/edit/main/data/programmes/{programme.id}.yml"
    assert edit_link(soup_of(editable_site, "contribuer")) == f"{REPO}/edit/main/CONTRIBUTING.md"
    assert edit_link(soup_of(editable_site, "fiches")) is None  # a generated index has no source file
    config = yaml.safe_load((editable_site / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "organisation-de-test/corpus-de-test" and config["backend"]["branch"] == "main"


def test_sketch_sheets_invite_to_complete_them(editable_site: Path) -> None:
    corpus, _ = loader.load(loader.Project.at(ROOT))
    sketches = [r for r in corpus.ressources if r.statut == "esquisse"]
    assert sketches
    for ressource in sketches:
        banner = soup_of(editable_site, ressource.url).select_one(".fabrique-bandeau")
        link = banner.find("a", string="Compléter cette fiche")
        assert link is not None and link["href"] == f"{REPO}/edit/main/docs/{ressource.src_path}"
        editor = banner.find("a", string="Compléter cette fiche dans l'éditeur")
        if not ressource.contribuee:  # a staff page has no form in the editor: only its edit link
            assert editor is None, ressource.src_path
            continue
        address, _, entry = editor["href"].partition("#")
        assert (editable_site / ressource.url / address / "index.html").resolve() == (editable_site / "admin/index.html").resolve()
        assert entry == f"/collections/{ressource.type}/entries/{ressource.id}"
    published = [r for r in corpus.ressources if r.statut == "publie" and r.type != "page"]
    for ressource in published:
        assert "Compléter cette fiche" not in soup_of(editable_site, ressource.url).get_text()
    assert (editable_site / "admin/index.html").read_text(encoding="utf-8").count("FABRIQUE_DECAP_AUTH_URL") == 1


def test_without_a_repository_address_no_edit_link_is_made_up(built_site: Path) -> None:
    corpus, _ = loader.load(loader.Project.at(ROOT))
    for ressource in corpus.ressources:
        assert edit_link(soup_of(built_site, ressource.url)) is None
    sketch = next(r for r in corpus.ressources if r.statut == "esquisse")
    banner = soup_of(built_site, sketch.url).select_one(".fabrique-bandeau")
    assert banner.find("a", string="guide de contribution")["href"].endswith("contribuer/")


def test_an_image_without_alternative_text_is_refused_at_its_line(project: Path) -> None:
    path = project / "docs/fiches/gruissan-station-sans-voiture.md"
    text = path.read_text(encoding="utf-8").rstrip() + "\n\n![](../assets/images/port.jpg)\n"
    path.write_text(text, encoding="utf-8")
    _, problems = loader.load(loader.Project.at(project))
    line = text.splitlines().index("![](../assets/images/port.jpg)") + 1
    assert [str(p) for p in problems.sorted()] == [
        f"docs/fiches/gruissan-station-sans-voiture.md:{line}: (contenu): {safety.NO_ALT_MESSAGE}"]
    path.write_text(text.replace("![](", "![Le port de Gruissan](", 1), encoding="utf-8")
    assert not loader.load(loader.Project.at(project))[1]


def test_the_contribution_guide_shows_the_editor_screenshots_of_the_tests(built_site: Path) -> None:
    images = soup_of(built_site, "contribuer").select("article img")
    shots = [img for img in images if "assets/images/editeur/" in img["src"]]
    assert len(shots) == 2
    for img in shots:
        assert len(img["alt"]) > 20
        assert (built_site / "contribuer" / img["src"]).resolve().is_file()
    assert "Compléter cette fiche dans l'éditeur" in soup_of(built_site, "contribuer").get_text()
