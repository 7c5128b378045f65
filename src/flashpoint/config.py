"""One typed Settings object: packaged defaults < user file < environment < CLI flags.

The user file is TOML (``flashpoint.toml`` in the working folder, or the file named
by ``FLASHPOINT_CONFIG``). Environment variables are ``FLASHPOINT_<FIELD>`` in
upper case (``FLASHPOINT_DB``, ``FLASHPOINT_MAX_BYTES``).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "flashpoint.duckdb"
    max_bytes: int = 20_000_000  # per input item, before cleaning
    max_chars: int = 2_000_000  # per clean article text
    max_seconds: float = 60.0  # per document in the understanding stages
    batch_size: int = 32  # documents per write transaction
    workers: int = 1
    actors_file: str | None = None  # user additions/overrides to the actor dictionary
    spacy_model: str = "en_core_web_sm"
    lock_timeout: float = 30.0  # seconds to wait for the DuckDB file lock
    alert_log: str = "alerts.jsonl"
    clean_model: bool = True  # the furniture line classifier on plain text (off: the cleaning rules alone)
    clean_model_html: bool = False  # also on the text trafilatura extracted from HTML
    clean_threshold: float = 0.0  # a line is furniture below this probability; 0 = the model's own threshold
    events_engine: str = "both"  # "model" (learned), "rules" (dependency rules and lexicon), or "both"
    # least probability of its type for a trigger of the model to become an event (the mean of the ensemble's
    # members, flatter than one network's probabilities: docs/events.md gives the measurements behind 0.44)
    event_threshold: float = 0.44

    def with_(self, **changes: Any) -> Settings:
        known = {f.name for f in fields(self)}
        clean = {k: v for k, v in changes.items() if v is not None and k in known}
        return dataclasses.replace(self, **clean)


def _coerce(name: str, kind: Any, raw: Any) -> Any:
    target = {"int": int, "float": float, "str": str, "bool": bool}.get(str(kind).split(" ")[0])
    if target is None:
        text = str(kind)
        target = int if "int" in text else float if "float" in text else str
    try:
        if target is bool and isinstance(raw, str):
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        return target(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot read {raw!r} as {target.__name__}") from exc


def load_settings(config_file: str | Path | None = None, **flags: Any) -> Settings:
    """Build settings from defaults, the user file, the environment and flags, in that order."""
    settings = Settings()
    kinds = {f.name: f.type for f in fields(Settings)}
    path = Path(config_file or os.environ.get("FLASHPOINT_CONFIG") or "flashpoint.toml")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        unknown = sorted(set(data) - set(kinds))
        if unknown:
            raise ConfigError(f"{path}: unknown settings {', '.join(unknown)}")
        settings = settings.with_(**{k: _coerce(k, kinds[k], v) for k, v in data.items()})
    from_env = {}
    for name, kind in kinds.items():
        raw = os.environ.get(f"FLASHPOINT_{name.upper()}")
        if raw not in (None, ""):
            from_env[name] = _coerce(name, kind, raw)
    settings = settings.with_(**from_env)
    return settings.with_(**flags)
