"""Errors the user can act on, each with the process exit code the CLI returns for it.

Exit codes (documented in the README):
    0  success
    1  `compare --fail-over X`: overall divergence exceeded X
    2  bad input or usage: missing, empty, binary or undecodable file, unsupported or
       same-language pair, malformed translation memory or report; or the output cannot be
       written (missing directory, a device, a full disk)
    3  model problem: missing, partial or corrupt model directory, MT failure
    4  network problem during `aligner models install` (offline, host unreachable)
    5  batch finished, but at least one pair failed (see the index)
    130 interrupted (Ctrl-C); finished batch results are kept
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_DIVERGENT = 1
EXIT_INPUT = 2
EXIT_MODEL = 3
EXIT_NETWORK = 4
EXIT_BATCH_FAILED = 5
EXIT_INTERRUPTED = 130


class AlignerError(Exception):
    """Base class: the message is one line a user can read; `exit_code` is what the CLI returns."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))  # always one line


class InputError(AlignerError):
    """The input files or options are unusable (exit 2)."""

    exit_code = EXIT_INPUT


class OutputError(AlignerError):
    """The output cannot be written: a full disk, a closed pipe, a missing directory (exit 2)."""

    exit_code = EXIT_INPUT


class ModelError(AlignerError):
    """A translation model is missing, partial or corrupt, or MT failed (exit 3)."""

    exit_code = EXIT_MODEL


class NetworkError(AlignerError):
    """A requested download could not be made (exit 4)."""

    exit_code = EXIT_NETWORK


class Notice(UserWarning):
    """Something the user should know that is not an error (a guess on thin evidence). Raised
    with `warnings.warn`, so library callers can filter it; the CLI prints one
    `aligner: note: ...` line."""
