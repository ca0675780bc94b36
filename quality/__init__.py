"""quality: check scraped and machine-rewritten articles against their source."""

from __future__ import annotations

__version__ = "0.1.0"
