#!/usr/bin/env python3
"""Independent reading of an e-mail draft (.eml) with Python's `email` package.

Usage: target/checkers/venv/bin/python tests/checkers/eml_python.py FILE

Parses FILE with email.policy.default and prints one JSON object on stdout:

  {"to": ["a@b.fr", ...],             addresses only, without display names
   "bcc": ["c@d.fr", ...],            the same for Bcc (kept in a draft)
   "from": "x@y.fr",                   address only
   "subject": "…",                     decoded
   "x_unsent": "1" | null,
   "content_type": "multipart/mixed",
   "structure": ["multipart/mixed",
                 ["multipart/alternative", "text/plain", "text/calendar"],
                 "application/pdf", "text/calendar"],
       a leaf is its content type; a multipart is a list: its type, then its children
   "text": "…",                        decoded body of the first text/plain part
   "calendar_method": "REQUEST",       method= parameter of the inline text/calendar part
   "calendar": "BEGIN:VCALENDAR\\r\\n…",  its decoded bytes as UTF-8, CRLF kept exactly
   "attachments": [{"filename", "content_type", "size" (decoded bytes)}]}

The inline calendar is the first text/calendar part that is not an attachment. Exit 1 with a
message on stderr if the file cannot be read as a message, if a header is malformed, or if a
text part cannot be decoded.
"""

import email
import email.policy
import json
import sys

from common import fail, file_argument


def describe(defects):
    return "; ".join(f"{type(d).__name__} {d}".strip() for d in defects)


def structure(part):
    if part.is_multipart():
        return [part.get_content_type()] + [structure(p) for p in part.iter_parts()]
    return part.get_content_type()


def addresses(msg, name):
    header = msg.get(name)
    if header is None:
        return []
    defects = getattr(header, "defects", ())
    if defects:
        fail(f"en-tête {name} mal formé : {describe(defects)}")
    return [a.addr_spec for a in header.addresses]


def main():
    data = file_argument("eml_python.py FICHIER")

    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as e:  # noqa: BLE001
        fail(f"message illisible : {type(e).__name__}: {e}")
    if msg.defects:
        fail(f"message mal formé : {describe(msg.defects)}")

    text = None
    calendar = None
    calendar_method = None
    attachments = []
    try:
        for part in msg.walk():
            if part.is_multipart():
                if part.defects:
                    fail(f"partie {part.get_content_type()} mal formée : {describe(part.defects)}")
                continue
            ctype = part.get_content_type()
            if part.is_attachment():
                payload = part.get_payload(decode=True) or b""
                attachments.append(
                    {"filename": part.get_filename(), "content_type": ctype, "size": len(payload)}
                )
            elif ctype == "text/plain" and text is None:
                text = part.get_content()
            elif ctype == "text/calendar" and calendar is None:
                calendar_method = part.get_param("method")
                payload = part.get_payload(decode=True) or b""
                calendar = payload.decode(part.get_content_charset() or "utf-8")
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001
        fail(f"contenu illisible : {type(e).__name__}: {e}")

    senders = addresses(msg, "From")
    subject = msg.get("Subject")
    x_unsent = msg.get("X-Unsent")
    result = {
        "to": addresses(msg, "To"),
        "bcc": addresses(msg, "Bcc"),
        "from": senders[0] if senders else None,
        "subject": str(subject) if subject is not None else None,
        "x_unsent": str(x_unsent) if x_unsent is not None else None,
        "content_type": msg.get_content_type(),
        "structure": structure(msg),
        "text": text,
        "calendar_method": calendar_method,
        "calendar": calendar,
        "attachments": attachments,
    }
    sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")


if __name__ == "__main__":
    main()
