"""Old import paths that courses' ``nbgrader_config.py`` files made before the nbgrader adapter
(``autograder.nbgrader``) still name; new configurations import from the adapter."""
