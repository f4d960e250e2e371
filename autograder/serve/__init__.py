"""``autograder serve``: students upload during the week and get sandboxed practice feedback."""
