"""Settings: packaged defaults < user file < environment < flags."""

from __future__ import annotations

import pytest

from flashpoint.config import Settings, load_settings
from flashpoint.errors import ConfigError


def test_precedence(tmp_path, monkeypatch):
    cfg = tmp_path / "fp.toml"
    cfg.write_text('db = "from_file.duckdb"\nbatch_size = 7\nworkers = 3\n')
    monkeypatch.setenv("FLASHPOINT_BATCH_SIZE", "9")
    s = load_settings(cfg, workers=5)
    assert s.db == "from_file.duckdb"  # file over default
    assert s.batch_size == 9  # env over file
    assert s.workers == 5  # flag over env and file
    assert s.max_bytes == Settings().max_bytes  # default kept


def test_unknown_setting_in_file_is_an_error(tmp_path):
    cfg = tmp_path / "fp.toml"
    cfg.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown settings colour"):
        load_settings(cfg)


def test_bad_env_value_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("FLASHPOINT_WORKERS", "many")
    with pytest.raises(ConfigError, match="workers"):
        load_settings(tmp_path / "missing.toml")


def test_none_flags_do_not_override(monkeypatch, tmp_path):
    monkeypatch.setenv("FLASHPOINT_DB", "env.duckdb")
    assert load_settings(tmp_path / "missing.toml", db=None).db == "env.duckdb"
