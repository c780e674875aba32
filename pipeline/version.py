"""The pipeline's version: part of every cache key, so a new version re-reads every document."""
PIPELINE_VERSION = "0.1.0"
