"""Every English string of the app, and the record of which English each translation was made
from: the same job as gettext's "fuzzy" marks.

Each feature folder's ``<lang>.sources.json`` (beside its ``strings.py`` and ``zh.py``) maps
each translated key of its tables to a short hash of the English it was translated from. When
the English of a key changes, its hash no longer matches and ``tests/test_i18n.py`` names the
key, its new English and the translation to review. After updating the translation, record it
with::

    python -m ui.shell.i18n_catalog --accept KEY [KEY ...]   # these keys were reviewed
    python -m ui.shell.i18n_catalog --new                    # stamp keys that have no record yet
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from ui.shell import i18n
from ui.shell.i18n import Strings


def _tables_by_folder() -> dict[Path, dict[str, Strings]]:
    """Feature folder -> the ``Strings`` defined at the top of its ``strings.py``."""
    found: dict[Path, dict[str, Strings]] = {}
    for module in i18n.feature_modules("strings"):
        folder = Path(module.__file__).resolve().parent
        found[folder] = {v.name: v for v in vars(module).values() if isinstance(v, Strings)}
    return found


def string_tables() -> dict[str, Strings]:
    """Every ``Strings`` defined at the top of a feature's ``strings.py``."""
    tables: dict[str, Strings] = {}
    for folder_tables in _tables_by_folder().values():
        for name, value in folder_tables.items():
            if tables.get(name, value) is not value:
                raise ValueError(f"two string tables are named {name}")
            tables[name] = value
    return tables


def english() -> dict[str, str]:
    """Dotted key -> English text, for every string of every table."""
    return {key: text for table in string_tables().values() for key, text in table.leaves()}


def source_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def sources_paths(lang: str) -> dict[str, Path]:
    """Table name -> the ``<lang>.sources.json`` of the folder that defines it."""
    return {name: folder / f"{lang}.sources.json"
            for folder, tables in _tables_by_folder().items() for name in tables}


def _read(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def recorded_sources(lang: str) -> dict[str, str]:
    """Every folder's record, merged."""
    merged: dict[str, str] = {}
    for path in set(sources_paths(lang).values()):
        merged.update(_read(path))
    return merged


def drifted(lang: str) -> dict[str, str]:
    """Translated keys whose English changed since the translation was recorded (key -> the
    English now); keys never recorded are in ``unrecorded``."""
    now, recorded = english(), recorded_sources(lang)
    return {key: now[key] for key in i18n.translations(lang).keys() & now.keys()
            if key in recorded and recorded[key] != source_hash(now[key])}


def unrecorded(lang: str) -> list[str]:
    recorded = recorded_sources(lang)
    return sorted(k for k in i18n.translations(lang).keys() & english().keys()
                  if k not in recorded)


def write_sources(lang: str, keys: set[str]) -> int:
    """Record the current English of ``keys``, each in its own folder's file; keys no longer
    translated are dropped."""
    now, paths = english(), sources_paths(lang)
    live = i18n.translations(lang).keys() & now.keys()
    for path in set(paths.values()):
        table = {k: v for k, v in _read(path).items() if k in live}
        mine = {k for k in keys & live if paths[k.split(".")[0]] == path}
        for key in mine:
            table[key] = source_hash(now[key])
        path.write_text(json.dumps(dict(sorted(table.items())), ensure_ascii=False,
                                   indent=0) + "\n", encoding="utf-8")
    return len(keys & live)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--accept", nargs="+", default=[], metavar="KEY",
                        help="keys whose translation was reviewed against the new English")
    parser.add_argument("--new", action="store_true", help="record keys with no record yet")
    args = parser.parse_args(argv)
    unknown = set(args.accept) - english().keys()
    if unknown:
        parser.error(f"no English string has these keys: {sorted(unknown)}")
    keys = set(args.accept) | (set(unrecorded(args.lang)) if args.new else set())
    print(f"recorded {write_sources(args.lang, keys)} keys")
    for key, text in sorted(drifted(args.lang).items()):
        print(f"still to review: {key}: {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
