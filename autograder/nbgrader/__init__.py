"""The adapter to nbgrader: every nbgrader command this project runs goes through here."""
