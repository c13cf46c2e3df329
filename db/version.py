"""Versions of what the build writes, importable without the index code (start-up checks
them)."""

# Bump when the index schema or the analysis changes; the searcher refuses other versions
# and the builder treats the index as stale.
INDEX_VERSION = 5  # 5: variants.json (variant table, words) beside the index
