"""Step 1 of the data path: notebook files → assignment spec and parsed submissions."""
