"""Build side: parse the source text and build the catalogue and the search index."""
