"""The window's side of highlights and tags (issue 12): where a passage of the body is in
the reading view, how highlights look, the dialogs, the reader's tag chips and tools."""
