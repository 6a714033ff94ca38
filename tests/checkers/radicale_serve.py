#!/usr/bin/env python3
"""Runs a throw-away Radicale CalDAV server for the tests, in the foreground.

Usage: target/checkers/venv/bin/python tests/checkers/radicale_serve.py FOLDER PORT USER PASSWORD [CERTIFICATE KEY]

Writes into FOLDER (created if needed):
  FOLDER/config        the Radicale configuration (127.0.0.1:PORT, htpasswd in plain text,
                       owner_only rights, storage in FOLDER/collections, logging: warning)
  FOLDER/users         USER:PASSWORD
  FOLDER/collections/collection-root/USER/ateliers/.Radicale.props
                       the calendar collection /USER/ateliers/ (a VCALENDAR collection)
then replaces itself with `python -m radicale --config FOLDER/config` (same process id, so
the caller kills the server by killing the process it started). The collection URL is
http://127.0.0.1:PORT/USER/ateliers/ (https:// when a CERTIFICATE and its KEY, PEM files,
are given). Existing events in FOLDER are kept.
"""

import json
import os
import sys


def main():
    if len(sys.argv) not in (5, 7):
        print("usage : radicale_serve.py DOSSIER PORT UTILISATEUR MOT-DE-PASSE [CERTIFICAT CLÉ]", file=sys.stderr)
        sys.exit(2)
    folder, port, user, password = sys.argv[1:5]
    tls = ""
    if len(sys.argv) == 7:
        certificate, key = (os.path.abspath(path) for path in sys.argv[5:7])
        tls = f"ssl = True\ncertificate = {certificate}\nkey = {key}\n"
    if not port.isdigit():
        print(f"radicale_serve: port invalide : {port}", file=sys.stderr)
        sys.exit(2)
    if ":" in user or "/" in user or "\n" in user + password:
        print("radicale_serve: utilisateur ou mot de passe invalide", file=sys.stderr)
        sys.exit(2)

    folder = os.path.abspath(folder)
    collections = os.path.join(folder, "collections")
    calendar = os.path.join(collections, "collection-root", user, "ateliers")
    os.makedirs(calendar, exist_ok=True)

    users = os.path.join(folder, "users")
    with open(users, "w", encoding="utf-8") as f:
        f.write(f"{user}:{password}\n")

    props = os.path.join(calendar, ".Radicale.props")
    if not os.path.exists(props):
        with open(props, "w", encoding="utf-8") as f:
            json.dump({"tag": "VCALENDAR", "D:displayname": "Ateliers"}, f)

    config = os.path.join(folder, "config")
    with open(config, "w", encoding="utf-8") as f:
        f.write(
            f"""[server]
hosts = 127.0.0.1:{port}
{tls}
[auth]
type = htpasswd
htpasswd_filename = {users}
htpasswd_encryption = plain

[rights]
type = owner_only

[storage]
filesystem_folder = {collections}

[web]
type = none

[logging]
level = warning
"""
        )

    python = sys.executable
    os.execv(python, [python, "-m", "radicale", "--config", config])


if __name__ == "__main__":
    main()
