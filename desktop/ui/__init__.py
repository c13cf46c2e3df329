"""The Qt widgets application over the Qt-free core (catalogue, search, user data).

Widgets call only the core APIs (Catalogue, Searcher, UserStore, brief); no SQL or Whoosh
here. Heavy modules are imported lazily so the first window paints quickly.
"""
