"""One shape for every content problem: ``path:line: field: message``."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """A problem found in a content file, reported to a contributor in French."""

    path: str
    line: int
    field: str
    message: str
    #: HTML or macro syntax that could run code: a build can be told to only warn about it.
    unsafe: bool = dataclasses.field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def github(self) -> str:
        """The same problem as a GitHub Actions annotation."""
        text = f"{self.field}: {self.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")
        return f"::error file={path},line={self.line}::{text}"


@dataclass
class Problems:
    """Collects every problem of a run instead of stopping at the first."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, field_name: str, message: str, unsafe: bool = False) -> None:
        self.items.append(Problem(path, max(line, 1), field_name or "(fichier)", message, unsafe))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def report(self) -> str:
        lines = [str(problem) for problem in self.sorted()]
        count = len(lines)
        noun = "problème" if count == 1 else "problèmes"
        files = len({problem.path for problem in self.items})
        lines.append(f"{count} {noun} dans {files} fichier{'s' if files > 1 else ''}.")
        return "\n".join(lines)
