"""What the checkers share: failing with a message, the instants they report, reading the
file named on the command line."""

import datetime as dt
import os
import sys


def fail(message):
    """Exit 1 with `message` on stderr, prefixed with the checker's name."""
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    print(f"{name}: {message}", file=sys.stderr)
    sys.exit(1)


def iso_utc(value):
    """ISO 8601 UTC with Z for a date-time, YYYY-MM-DD for a date, None for None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            # Floating time: no instant. Reported without Z so that it never matches UTC.
            return value.strftime("%Y-%m-%dT%H:%M:%S")
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"valeur de date inattendue : {value!r}")


def arguments(count, usage):
    """The `count` arguments of the command line (exit 2 with `usage` otherwise)."""
    if len(sys.argv) != count + 1:
        print(f"usage : {usage}", file=sys.stderr)
        sys.exit(2)
    return sys.argv[1:]


def file_argument(usage):
    """The bytes of the one file named on the command line (exit 2 with `usage` otherwise)."""
    arguments(1, usage)
    try:
        with open(sys.argv[1], "rb") as f:
            return f.read()
    except OSError as e:
        fail(f"lecture impossible : {e}")
