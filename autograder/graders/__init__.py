"""Hidden graders, one package per assignment. Never mounted into the sandbox, never released."""
