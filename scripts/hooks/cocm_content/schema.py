"""A small schema validator for the YAML files in ``content/``.

Each file holds a list of entries (mappings). A :class:`Schema` names the field that identifies an
entry (its key) and describes every field. Validation never stops at the first problem: it returns
every error as a sentence that names the file, the entry and the field, for example
``content/glossary.yml: entry 'registry': field 'definition' is missing``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Keys and ids: lowercase letters and digits in groups joined by single hyphens."""


class ContentError(Exception):
    """One or more problems in the curated content; the message lists every one."""

    def __init__(self, errors: Iterable[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class Field:
    """One field of an entry.

    kind is ``str``, ``int``, ``number`` (whole or decimal), ``bool`` (true or false), ``list`` (of
    strings), ``entries`` (of nested mappings checked by ``item``), ``mapping`` (one nested mapping
    checked by ``item``) or ``date``. ``choices`` limits a string to a set; ``pattern`` to a regular
    expression; ``low`` and ``high`` bound a number; ``check`` is an extra test returning an error
    text or None.
    """

    kind: str = "str"
    required: bool = True
    choices: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    min_items: int = 0
    item: Schema | None = None
    check: Callable[[Any], str | None] | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Schema:
    """The fields of one entry; ``key`` names the field that identifies it in messages."""

    fields: dict[str, Field]
    key: str | None = None
    min_entries: int = 1
    rules: tuple[Callable[[dict[str, Any]], str | None], ...] = field(default_factory=tuple)


def entry_label(entry: Any, index: int, key: str | None) -> str:
    """How messages name an entry: its key when it has a usable one, else its position."""
    if key and isinstance(entry, dict) and isinstance(entry.get(key), str | int) and str(entry[key]).strip():
        return f"entry '{entry[key]}'"
    return f"entry #{index + 1}"


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and len(value) == 0) or (
        isinstance(value, str) and not value.strip()
    )


def _check_value(name: str, spec: Field, value: Any) -> list[str]:
    """Errors for one present, non-blank value, worded as '<field ...> problem'."""
    where = f"field '{name}'"
    if spec.kind == "str":
        if not isinstance(value, str):
            return [f"{where} must be text, not {type(value).__name__}"]
        if spec.choices and value not in spec.choices:
            return [f"{where} is '{value}'; expected one of: {', '.join(spec.choices)}"]
        if spec.pattern and not spec.pattern.fullmatch(value):
            return [f"{where} is '{value}', which does not match {spec.pattern.pattern}"]
    elif spec.kind in ("int", "number"):
        if spec.kind == "int" and (not isinstance(value, int) or isinstance(value, bool)):
            return [f"{where} must be a whole number, not {type(value).__name__}"]
        if spec.kind == "number" and (not isinstance(value, int | float) or isinstance(value, bool)):
            return [f"{where} must be a number, not {type(value).__name__}"]
        if spec.low is not None and value < spec.low:
            return [f"{where} is {value}; it must be at least {spec.low:g}"]
        if spec.high is not None and value > spec.high:
            return [f"{where} is {value}; it must be at most {spec.high:g}"]
    elif spec.kind == "bool":
        if not isinstance(value, bool):
            return [f"{where} must be true or false, not {value!r}"]
    elif spec.kind == "mapping":
        assert spec.item is not None
        return [f"{where}: {problem}" for problem in check_entry(value, spec.item)]
    elif spec.kind == "date":
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return [f"{where} is '{value}', which is not an ISO date (YYYY-MM-DD)"]
        elif not isinstance(value, dt.date):
            return [f"{where} must be an ISO date (YYYY-MM-DD)"]
    elif spec.kind == "list":
        if not isinstance(value, list):
            return [f"{where} must be a list, not {type(value).__name__}"]
        errors = []
        if len(value) < spec.min_items:
            errors.append(f"{where} needs at least {spec.min_items} item(s), has {len(value)}")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                errors.append(f"{where} item #{i + 1} must be non-empty text")
            elif spec.pattern and not spec.pattern.fullmatch(item):
                errors.append(f"{where} item #{i + 1} '{item}' does not match {spec.pattern.pattern}")
        return errors
    elif spec.kind == "entries":
        if not isinstance(value, list):
            return [f"{where} must be a list, not {type(value).__name__}"]
        errors = []
        if len(value) < spec.min_items:
            errors.append(f"{where} needs at least {spec.min_items} item(s), has {len(value)}")
        assert spec.item is not None
        for i, item in enumerate(value):
            for problem in check_entry(item, spec.item):
                errors.append(f"{where} item #{i + 1}: {problem}")
        return errors
    if spec.check:
        problem = spec.check(value)
        if problem:
            return [f"{where} {problem}"]
    return []


def check_entry(entry: Any, schema: Schema) -> list[str]:
    """Problems with one entry, each starting with the field it concerns."""
    if not isinstance(entry, dict):
        return [f"must be a mapping of fields, not {type(entry).__name__}"]
    errors = []
    for name, spec in schema.fields.items():
        if name not in entry:
            if spec.required:
                errors.append(f"field '{name}' is missing")
            continue
        value = entry[name]
        if _is_blank(value):
            if spec.required:
                errors.append(f"field '{name}' is empty")
            continue
        errors.extend(_check_value(name, spec, value))
    for name in entry:
        if name not in schema.fields:
            errors.append(f"field '{name}' is not a known field (known: {', '.join(schema.fields)})")
    for rule in schema.rules:
        problem = rule(entry)
        if problem:
            errors.append(problem)
    return errors


def validate_entries(data: Any, schema: Schema, label: str) -> list[str]:
    """Every problem in a file's parsed data, as full messages starting with ``label``."""
    if not isinstance(data, list):
        return [f"{label}: the file must hold a list of entries, not {type(data).__name__}"]
    errors = []
    if len(data) < schema.min_entries:
        errors.append(f"{label}: needs at least {schema.min_entries} entries, has {len(data)}")
    seen: dict[str, int] = {}
    for index, entry in enumerate(data):
        name = entry_label(entry, index, schema.key)
        errors.extend(f"{label}: {name}: {problem}" for problem in check_entry(entry, schema))
        if schema.key and isinstance(entry, dict) and isinstance(entry.get(schema.key), str):
            key = entry[schema.key]
            if key in seen:
                errors.append(
                    f"{label}: {name}: field '{schema.key}' duplicates entry #{seen[key] + 1} "
                    f"(each {schema.key} must be unique)"
                )
            else:
                seen[key] = index
    return errors


def load_yaml(path: Path, label: str) -> tuple[Any, list[str]]:
    """Parse one YAML file; a missing or malformed file is an error, not an exception."""
    if not path.is_file():
        return None, [f"{label}: file is missing"]
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")), []
    except yaml.YAMLError as exc:
        return None, [f"{label}: is not valid YAML: {exc}"]
