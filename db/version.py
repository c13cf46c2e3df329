"""Versions of what the build writes, importable without the index code (start-up checks
them)."""

# Bump when the parser's output changes in a way the fingerprint of its code cannot tell
# (db.parse re-exports it).
PARSER_VERSION = "3"

# Bump when the index schema or the analysis changes; the searcher refuses other versions
# and the builder treats the index as stale.
INDEX_VERSION = 5  # 5: variants.json (variant table, words) beside the index
