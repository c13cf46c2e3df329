"""Schema of userdata.sqlite and its forward migrations (PRAGMA user_version).

Each step takes the file from version N-1 to N inside one transaction, so a crash mid-way
leaves the old version intact. Steps are never edited once released: a user's file may be
at any earlier version. Tests open a file at every earlier version and migrate it.

  v1  notes keyed on measure id, collections, bookmarks with the user's order
  v2  note_history: the earlier versions of a note (the last 20 are kept)
  v3  orphans: notes and bookmarks get their own row id and an `orphan` flag, so a link whose
      measure left the catalogue stays (and a new note on that id does not collide with it)
  v4  damaged_text: the exact bytes of stored text found not to be valid UTF-8, kept before
      an edit or history pruning can replace them (see desktop/userdata/damage.py)
  v5  highlights (a passage of a measure's body: offsets, W3C text-quote selector, colour,
      comment, a stable uid, orphan flag), tags and measure_tags (issue 12)
"""

from __future__ import annotations

DEFAULT_COLLECTION = "ブックマーク"
HISTORY_KEEP = 20

V1 = """
CREATE TABLE notes (
    measure_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,           -- the measure's title when the note was linked
    text TEXT NOT NULL,
    created TEXT NOT NULL,         -- ISO 8601 UTC
    updated TEXT NOT NULL
);
CREATE TABLE collections (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE bookmarks (
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    measure_id TEXT NOT NULL,
    title TEXT NOT NULL,
    position INTEGER NOT NULL,     -- 0-based, contiguous within a collection
    added TEXT NOT NULL,
    PRIMARY KEY (collection_id, measure_id)
);
INSERT INTO collections (name, position, created)
    VALUES ('ブックマーク', 0, strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now'));
"""

V2 = """
CREATE TABLE note_history (
    id INTEGER PRIMARY KEY,
    measure_id TEXT NOT NULL REFERENCES notes(measure_id) ON DELETE CASCADE ON UPDATE CASCADE,
    text TEXT NOT NULL,
    saved TEXT NOT NULL,           -- when this text was written
    replaced TEXT NOT NULL         -- when newer text replaced it
);
CREATE INDEX note_history_measure ON note_history (measure_id, replaced);
"""

# Table rebuild (SQLite's documented 12-step recipe): runs with foreign_keys OFF, checked
# with foreign_key_check before commit.
V3 = """
CREATE TABLE notes_v3 (
    id INTEGER PRIMARY KEY,
    measure_id TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    orphan INTEGER NOT NULL DEFAULT 0 CHECK (orphan IN (0, 1))
);
INSERT INTO notes_v3 (measure_id, title, text, created, updated)
    SELECT measure_id, title, text, created, updated FROM notes ORDER BY measure_id;
CREATE TABLE note_history_v3 (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    saved TEXT NOT NULL,
    replaced TEXT NOT NULL
);
INSERT INTO note_history_v3 (id, note_id, text, saved, replaced)
    SELECT h.id, n.id, h.text, h.saved, h.replaced
    FROM note_history h JOIN notes_v3 n ON n.measure_id = h.measure_id;
CREATE TABLE bookmarks_v3 (
    id INTEGER PRIMARY KEY,
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    measure_id TEXT NOT NULL,
    title TEXT NOT NULL,
    position INTEGER NOT NULL,
    added TEXT NOT NULL,
    orphan INTEGER NOT NULL DEFAULT 0 CHECK (orphan IN (0, 1))
);
INSERT INTO bookmarks_v3 (collection_id, measure_id, title, position, added)
    SELECT collection_id, measure_id, title, position, added FROM bookmarks
    ORDER BY collection_id, position;
DROP TABLE note_history;
DROP TABLE notes;
DROP TABLE bookmarks;
ALTER TABLE notes_v3 RENAME TO notes;
ALTER TABLE note_history_v3 RENAME TO note_history;
ALTER TABLE bookmarks_v3 RENAME TO bookmarks;
CREATE UNIQUE INDEX notes_linked ON notes (measure_id) WHERE orphan = 0;
CREATE INDEX note_history_note ON note_history (note_id, replaced);
CREATE UNIQUE INDEX bookmarks_linked ON bookmarks (collection_id, measure_id) WHERE orphan = 0;
CREATE INDEX bookmarks_order ON bookmarks (collection_id, position);
"""

V4 = """
CREATE TABLE damaged_text (
    id INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,             -- where the bytes were found
    row_id INTEGER NOT NULL,
    col TEXT NOT NULL,
    owner TEXT NOT NULL,           -- the measure id (or collection name) it belonged to
    raw BLOB NOT NULL,             -- exactly as stored
    found TEXT NOT NULL,           -- ISO 8601 UTC
    UNIQUE (tbl, row_id, col, raw)
);
"""

# Highlights: offsets are Python string indices into the measure's body as the catalogue holds
# it; exact/prefix/suffix are the text-quote selector (desktop/anchoring.py). body_hash is what
# the highlight was last anchored against (its measure's body; for an orphan, the whole
# edition), so re-anchoring runs only when that text changed.
V5 = """
CREATE TABLE highlights (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,      -- 32 hex digits; the same in backups and share files
    measure_id TEXT NOT NULL,
    title TEXT NOT NULL,           -- the measure's title when the highlight was last placed
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    exact TEXT NOT NULL,           -- body[start_offset:end_offset] when last placed
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    colour TEXT NOT NULL DEFAULT 'yellow'
        CHECK (colour IN ('yellow', 'green', 'blue', 'pink')),
    comment TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    orphan INTEGER NOT NULL DEFAULT 0 CHECK (orphan IN (0, 1)),
    CHECK (start_offset >= 0 AND end_offset > start_offset)
);
CREATE INDEX highlights_measure ON highlights (measure_id, start_offset);
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- NFKC, trimmed: see desktop/userdata/tags.py
    created TEXT NOT NULL
);
CREATE TABLE measure_tags (
    id INTEGER PRIMARY KEY,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    measure_id TEXT NOT NULL,
    title TEXT NOT NULL,
    added TEXT NOT NULL,
    orphan INTEGER NOT NULL DEFAULT 0 CHECK (orphan IN (0, 1))
);
CREATE UNIQUE INDEX measure_tags_linked ON measure_tags (tag_id, measure_id) WHERE orphan = 0;
CREATE INDEX measure_tags_measure ON measure_tags (measure_id);
"""

COLOURS = ("yellow", "green", "blue", "pink")

MIGRATIONS: list[str] = [V1, V2, V3, V4, V5]  # MIGRATIONS[i] takes version i to i + 1
LATEST = len(MIGRATIONS)
