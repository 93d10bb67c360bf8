"""Ingest: read article files, strip page chrome, and build the articles table (every input accounted for)."""
