"""Problems of the machine rather than of the corpus (a port taken, a folder that cannot be read,
a missing program), said in one French line by every ``fabrique`` command."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

#: The French for the system errors a user meets; others keep the system's wording.
RAISONS = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "ce n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.ELOOP: "boucle de liens symboliques",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EADDRINUSE: "adresse déjà utilisée",
    errno.EADDRNOTAVAIL: "adresse indisponible sur cette machine",
}


class ProblemeEnvironnement(Exception):
    """What the user must fix on their machine, in one French sentence."""


def raison(error: OSError) -> str:
    return RAISONS.get(error.errno or 0) or error.strerror or str(error)


def chemin(name: object, root: Path | None = None) -> str:
    """A path as the user knows it: relative to the project (or the current folder) when inside it."""
    path = Path(os.fsdecode(name)) if isinstance(name, (str, bytes, os.PathLike)) else Path(str(name))
    for base in (root, Path.cwd()):
        if base is not None:
            try:
                return Path(os.path.abspath(path)).relative_to(base).as_posix() or "."
            except ValueError:
                continue
    return path.as_posix()


def message(error: OSError, root: Path | None = None) -> str:
    """One line for an error of the system, naming the file when there is one."""
    if error.filename is not None:
        return f"{chemin(error.filename, root)} : {raison(error)}"
    return raison(error)


def projet(start: Path) -> Path:
    """The project folder: ``start`` or the first parent holding ``mkdocs.yml``."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    where = chemin(start)
    raise ProblemeEnvironnement(f"aucun mkdocs.yml dans {'le dossier courant' if where == '.' else where} ni dans ses dossiers parents : "
                                "lancez la commande dans le dossier du projet, ou indiquez-le avec --root")


def port_libre(address: str) -> None:
    """Refuse, before MkDocs starts, an address ``host:port`` that another program already listens on."""
    host, _, port = address.rpartition(":")
    if not port.isdigit() or not host:
        raise ProblemeEnvironnement(f"adresse « {address} » invalide : attendu hôte:port, par exemple 127.0.0.1:8000")
    with socket.socket(socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET) as probe:
        try:
            probe.bind((host.strip("[]"), int(port)))
        except OSError as error:
            raise ProblemeEnvironnement(
                f"impossible d'écouter sur {address} ({raison(error)}) : arrêtez le serveur qui l'occupe "
                f"ou choisissez un autre port, par exemple --dev-addr {host}:{int(port) + 1}") from None


def chromium(path: str) -> str:
    if not os.access(path, os.X_OK):
        raise ProblemeEnvironnement(f"Chromium introuvable ({path}) : installez-le (apt-get install chromium) "
                                    "ou indiquez son chemin dans la variable FABRIQUE_CHROMIUM")
    return path
