"""HTTP API and web dashboard over the store (``flashpoint serve``)."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
