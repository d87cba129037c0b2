"""What the site knows about its content, shared by the build hooks and the checker."""
