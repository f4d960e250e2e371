"""Exam mode: per-student variants, the time window, withheld feedback, Einsicht pages, and the
fairness and collusion reports (``autograder exam …``; docs/exams.md)."""
