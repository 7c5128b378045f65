"""flashpoint's one exception tree. Every error has a stable ``code``.

::

    FlashpointError
    ├── InputError            bad input item (binary, empty, too large, bad JSON, ...)
    ├── ConfigError           bad settings file, flag or environment value
    ├── PipelineError         stages declared in an impossible order
    ├── StoreError            the database cannot be opened, migrated or written
    │   └── StoreBusy         another process holds the write lock longer than we wait
    └── ResourceError         a packaged or user knowledge file is missing or malformed

Library code raises these; only the CLI and HTTP adapters turn them into messages
and exit codes. A rejected *document* is not an exception but a
:class:`flashpoint.records.Skip` record.
"""

from __future__ import annotations


class FlashpointError(Exception):
    code = "error"

    def __init__(self, detail: str, *, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code


class InputError(FlashpointError):
    code = "input"


class ConfigError(FlashpointError):
    code = "config"


class PipelineError(FlashpointError):
    code = "pipeline"


class StoreError(FlashpointError):
    code = "store"


class StoreBusy(StoreError):
    code = "store_busy"


class ResourceError(FlashpointError):
    code = "resource"
