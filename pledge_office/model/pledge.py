"""The Pledge as data: one definition shared by every document and workbook.

Everything that belongs to a pledge and its area lives here, read from the
pledge file: its names, the partnership that endorsed it, the umbrella body
that runs reviews, the sector as the text names it, the partner bodies on the
signing copy, and the commitments (in groups, where the pledge has them).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.model.logo import Logo

ABOUT = "about"      # an introduction paragraph describing the pledge: summarised in the report
PROCESS = "process"  # a note to councils on how to adopt or review it: left out of the documents
INTRODUCTION_KINDS = (ABOUT, PROCESS)


@dataclass(frozen=True)
class Clause:
    """One numbered paragraph of the pledge: an introduction clause or a commitment."""

    ref: str
    text: str
    short_title: str = ""  # a few plain words a Cabinet member would recognise; commitments only
    group: str = ""        # the heading of the commitment's group, when the pledge has groups
    kind: str = ABOUT      # introduction clauses only: ABOUT or PROCESS

    @property
    def title(self) -> str:
        """Return the short title, or the opening words of the text when the pledge file gives none."""
        if self.short_title:
            return self.short_title
        words = self.text.split()
        return " ".join(words[:8]) + ("…" if len(words) > 8 else "")

    @property
    def fingerprint(self) -> str:
        """Return a short hash of the text, so a reader can tell if it was edited."""
        normalised = " ".join(self.text.split())
        return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Group:
    """Commitments under one heading; a pledge without groups has one group with no heading."""

    heading: str
    commitments: Tuple[Clause, ...]


@dataclass(frozen=True)
class Contact:
    """Someone at a body named in the pledge file."""

    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Partner:
    """A body whose logo sits beside the council's on the signing copy (and who may sign too)."""

    name: str
    logo: Optional[Logo]
    signs: bool = False
    signatory: Contact = Contact()


@dataclass(frozen=True)
class Umbrella:
    """The umbrella body (a CVS or similar) that runs the reviews and receives the workbooks."""

    name: str
    contact: Contact = Contact()
    website: str = ""
    logo: Optional[Path] = None  # checked when the pledge file is read


@dataclass(frozen=True)
class Sector:
    """The sector as the pledge's own text names it."""

    name: str          # in full, at first mention, with any abbreviation where the text puts it
    short: str         # at later mentions
    abbreviation: str  # the letters alone


@dataclass(frozen=True)
class Pledge:
    """The pledge a council adopts, and everything about its area the documents need."""

    version: str
    title: str
    endorsed_by: str
    introduction: Tuple[Clause, ...]
    commitments_heading: str
    commitments: Tuple[Clause, ...]
    source: Path
    short_name: str = ""
    called: str = "the Pledge"
    endorsed_by_about: str = ""
    umbrella: Umbrella = Umbrella("the umbrella body")
    sector: Sector = Sector("voluntary and community sector", "voluntary and community sector", "")
    partners: Tuple[Partner, ...] = ()
    summary: str = ""  # a few sentences for the report's background, in the report's own words

    def commitment(self, ref: str) -> Optional[Clause]:
        """Return the commitment with this ref (case-insensitive), if any."""
        wanted = ref.strip().lower().rstrip(".")
        return next((c for c in self.commitments if c.ref.lower() == wanted), None)

    @property
    def file_stem(self) -> str:
        """Return the short name made safe for file names: 'Area Compact' -> 'area-compact'."""
        return slug(self.short_name or self.title) or "pledge"

    @property
    def about(self) -> Tuple[Clause, ...]:
        """Return the introduction clauses that describe the pledge (not the process notes)."""
        return tuple(c for c in self.introduction if c.kind == ABOUT)

    @property
    def groups(self) -> Tuple[Group, ...]:
        """Return the commitments in their groups, in the pledge's order."""
        groups: List[Group] = []
        for clause in self.commitments:
            if not groups or groups[-1].heading != clause.group:
                groups.append(Group(clause.group, ()))
            last = groups[-1]
            groups[-1] = Group(last.heading, last.commitments + (clause,))
        return tuple(groups)

    @property
    def has_groups(self) -> bool:
        return any(c.group for c in self.commitments)

    @property
    def identity(self) -> str:
        """Return how a workbook names this pledge: its title and version."""
        return f"{self.title} (version {self.version})" if self.version else self.title


def slug(text: str) -> str:
    """Return ``text`` in lower case with runs of other characters as single hyphens ('Bryn-y-Môr' -> 'bryn-y-mor').

    Accented letters keep their letter ('ô' is 'o'), so a file name still reads as the name.
    """
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def capitalised(text: str) -> str:
    """Return ``text`` with its first letter a capital, the rest untouched ('the Pledge' -> 'The Pledge')."""
    return text[:1].upper() + text[1:]
