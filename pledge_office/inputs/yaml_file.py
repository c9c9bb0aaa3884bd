"""Safe YAML reading for files passed between colleagues (council and pledge files)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Tuple, Type

from pledge_office.errors import PledgeOfficeError

MAX_YAML_BYTES = 1_000_000
# Real council files use no aliases; a handful is generous. A "billion laughs"
# file needs many, so refusing early keeps time and memory bounded.
MAX_ALIASES = 50
# A council file nests three or four levels; deeper is a hostile file (Python's recursion ends
# near a few hundred).
MAX_DEPTH = 40


def load_yaml_mapping(path: Path, error: Type[PledgeOfficeError]) -> dict:
    """Read a YAML file whose top level is a mapping, or raise ``error``."""
    return load_yaml_with_lines(path, error)[0]


def load_yaml_with_lines(
    path: Path, error: Type[PledgeOfficeError]
) -> Tuple[dict, Dict[str, int]]:
    """Read a YAML mapping and the line of each field, as ``{"council.name": 3}``."""
    import yaml

    text = _read_text(path, error)
    loader = None
    try:
        loader = _BoundedLoader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _TooDeep as exc:
        raise error(f"nests lists or mappings more than {MAX_DEPTH} deep, which no settings file needs; "
                    "it may be damaged or hostile", file=path, where=f"line {exc.line}") from None
    except RecursionError:
        raise error(f"nests lists or mappings more than {MAX_DEPTH} deep, which no settings file needs; "
                    "it may be damaged or hostile", file=path) from None
    except _TooManyAliases:
        raise error(
            "uses too many YAML aliases (&/*); write the values out in full", file=path
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        if isinstance(exc, yaml.reader.ReaderError):
            where = f"line {text.count(chr(10), 0, exc.position) + 1}"
        problem = getattr(exc, "problem", None) or (
            f"contains a control character (code {exc.character})" if isinstance(exc, yaml.reader.ReaderError)
            else "not valid YAML")
        raise error(f"{problem}; check the indentation and quotes", file=path, where=where) from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        raise error("is not a YAML mapping of fields; start from 'pledge-office init'", file=path)
    return data, _field_lines(node)


def _read_text(path: Path, error: Type[PledgeOfficeError]) -> str:
    from pledge_office.office.files import check_regular

    check_regular(path, 10**12, "a settings file (YAML)")  # a FIFO or device: one line, no hang
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise error("is too large to be a settings file (over 1 MB)", file=path)
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error("file not found; check the path", file=path) from None
    except IsADirectoryError:
        raise error("is a folder, not a file", file=path) from None
    except UnicodeDecodeError:
        raise error("is not a text file in UTF-8; save it as plain text (UTF-8)", file=path) from None
    except OSError as exc:
        raise error(f"cannot be read ({exc.strerror})", file=path) from None


class _TooManyAliases(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _make_loader():
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        aliases_seen = 0
        depth = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                self.aliases_seen += 1
                if self.aliases_seen > MAX_ALIASES:
                    raise _TooManyAliases()
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise _TooDeep(self.peek_event().start_mark.line + 1)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return BoundedLoader


def _BoundedLoader(text: str):
    return _make_loader()(text)


def _field_lines(node, prefix: str = "") -> Dict[str, int]:
    import yaml

    lines: Dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            lines[key] = key_node.start_mark.line + 1
            lines.update(_field_lines(value_node, key + "."))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = f"{prefix.rstrip('.')}[{i + 1}]"
            lines[key] = item.start_mark.line + 1
            lines.update(_field_lines(item, key + "."))
    return lines


def value_at(data, key: str):
    """Return the value at a dotted key with 1-based list items ('signatories[2].name'), or None."""
    import re

    value = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        if part.startswith("["):
            index = int(part[1:-1]) - 1
            value = value[index] if isinstance(value, list) and 0 <= index < len(value) else None
        else:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            return None
    return value
