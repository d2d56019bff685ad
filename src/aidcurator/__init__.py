"""AidCurator: turn news articles about aid projects into a clean, source-linked dataset."""

__version__ = "0.1.0"
