"""Editor and developer tools: new pages, the local server."""
