"""Writers: page rendering, feeds, search documents, link previews, charts."""
