"""Graded exercises: the checkers students call, and the teacher's ``release`` and ``grade`` commands.

    from kit.grading import checker
    check = checker("01_who_says_so")
    check("q1")
"""
from __future__ import annotations

from .checks import EXERCISES, Result, check, checker, exercise, questions, result

__all__ = ["EXERCISES", "Result", "check", "checker", "exercise", "questions", "result", "register"]


def register(sub) -> None:
    """Add the ``release`` and ``grade`` subcommands to ``python -m kit``'s subparsers."""
    from .cli import register as _register

    _register(sub)
