"""Scale-out: the same ingest pipeline on a Dask cluster (``flashpoint ingest --engine dask``).

Workers write Parquet shards; the driver merges each shard into DuckDB exactly
once. See :mod:`flashpoint.scale.dask_engine` and ``docs/scale.md``.
"""

from __future__ import annotations

__all__ = ["ingest_dask"]

from .dask_engine import ingest_dask
