"""resarchive: a structured, source-grounded archive of Russian library conference resolutions."""

__version__ = "0.1.0"
