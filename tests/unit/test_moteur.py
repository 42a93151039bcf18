"""The engine package's helpers, on MkDocs' own objects (no build)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from fabrique.moteur import fichiers


def _config(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ecrite.md").write_text("# Écrite à la main\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Essai\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "fabrique"  # as MkDocs sets it while an event runs (File.generated reads it)
    return config


def test_a_file_of_docs_wins_over_a_generated_one(tmp_path: Path):
    config = _config(tmp_path)
    files = Files([File("ecrite.md", config.docs_dir, config.site_dir, config.use_directory_urls)])
    assert not fichiers.ajouter(files, config, "ecrite.md", "# Générée\n")
    assert files.get_file_from_path("ecrite.md").content_string == "# Écrite à la main\n"


def test_a_generated_file_replaces_one_generated_before(tmp_path: Path):
    config = _config(tmp_path)
    files = Files([])
    assert fichiers.ajouter(files, config, "territoires/a.md", "# Première\n")
    assert fichiers.ajouter(files, config, "territoires/a.md", "# Seconde\n")
    assert [f.content_string for f in files if f.src_uri == "territoires/a.md"] == ["# Seconde\n"]


def test_a_generated_file_may_copy_a_file(tmp_path: Path):
    config = _config(tmp_path)
    source = tmp_path / "donnees.json"
    source.write_text("{}", encoding="utf-8")
    files = Files([])
    assert fichiers.ajouter(files, config, "donnees/donnees.json", source)
    assert files.get_file_from_path("donnees/donnees.json").abs_src_path == str(source)
