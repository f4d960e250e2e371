"""What every command shares: the usage error, the error console, the unsafe-mode warning."""

from __future__ import annotations

import argparse

from rich.console import Console

USAGE_ERROR = 2
err = Console(stderr=True)
Subparsers = argparse._SubParsersAction


class UsageError(Exception):
    pass


def warn_unsafe() -> None:
    err.rule("[bold red]WARNING: --unsafe-no-sandbox")
    err.print(
        "[bold red]Student code runs WITHOUT the sandbox: it can read the hidden tests, the "
        "references and every file this user can read, and reach the network. Use this only "
        "for your own trusted code.[/]"
    )
    err.rule(style="red")
