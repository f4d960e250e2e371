"""Code that runs inside the sandbox. Only stdlib and numpy imports are allowed here."""
