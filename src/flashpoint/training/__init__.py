"""Training the shipped models (``make train``): recipes that read the repository and ``../shared``.

Nothing here runs inside ``flashpoint ingest``: the pipeline only loads the artefacts these
recipes write into ``flashpoint/models/``. Heavy imports (torch, transformers) stay inside the
functions that need them, so the package imports without the ``train`` extra.
"""
