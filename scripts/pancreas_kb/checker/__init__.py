"""`make check`: rules over the sources and the built site."""
