"""Integrations with other tools' extension points (nbgrader's preprocessor pipeline)."""
