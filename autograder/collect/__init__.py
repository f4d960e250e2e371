"""Getting submissions in: from nbgrader's exchange, an LMS download zip, or a plain folder.

Every candidate file is checked before it enters the course's ``submitted/<student>/<aid>/``
(nbgrader's layout, so formgrader and ``autograder grade`` find it). A file that is empty, not a
notebook, a notebook of another assignment, under an unusable student id, or a duplicate is
reported with its reason and kept aside in ``rejected/<aid>/`` — never silently dropped.
"""
