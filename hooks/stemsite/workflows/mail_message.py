"""A saved e-mail, read as bytes: the text of its answers and its attachments, or every reason it cannot be read.

A maintainer saves a proposal from their mail program: as the message itself (``.eml``: headers,
quoted-printable or base64 bodies, parts, attachments) or as its text, in whatever encoding the
program chose (UTF-8, Windows-1252/latin-1, UTF-16 with or without a byte order mark). Both come
in as bytes: a message is parsed by the standard library's ``email`` package (``policy.default``
decodes the transfer encodings and the charsets), plain text by its byte order mark or the first
encoding that reads it. What cannot be read becomes a :class:`~stemsite.problems.Problem` for the
one report of ``stemsite voorstel``, never a traceback.

Nothing about an attachment is believed but its bytes: its name is never used as a path, its
content type never decides what it is (the image checks sniff the bytes).
"""

from __future__ import annotations

import codecs
import re
import stat
from dataclasses import dataclass, field
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from ..problems import Problem

MAX_MESSAGE = 40 * 1024 * 1024
"""A saved message with a photo in base64 is a few MB; more is not a proposal."""
MAX_ATTACHMENT = 10 * 1024 * 1024
"""More than any image the checks accept (they refuse above their own caps with their own message)."""
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_HEADER = re.compile(r"(?:From|To|Subject|Date|MIME-Version|Content-Type|Received|Return-Path|Message-ID|Reply-To|"
                     r"Delivered-To|X-[A-Za-z0-9-]+):[ \t]", re.IGNORECASE)
_WORD = r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?="
_ENCODED_WORDS = re.compile(rf"{_WORD}(?:[ \t]+{_WORD})*")
"""Encoded-words, with the spaces between neighbours (which RFC 2047 drops)."""
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass
class Message:
    """What a saved e-mail holds for the proposal."""

    text: str = ""
    attachments: list[bytes] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_file(path: Path, what: str, limit: int) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file, or the problem that says why not (missing, a folder, a device, too large)."""
    label = str(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        return None, [Problem(label, 1, what, "dit bestand bestaat niet", "controleer de naam en de map van het bestand")]
    except OSError as error:
        return None, [Problem(label, 1, what, f"dit bestand kan niet gelezen worden ({error.strerror or error})",
                              "controleer of je het mag lezen")]
    if stat.S_ISDIR(status.st_mode):
        return None, [Problem(label, 1, what, "dit is een map, geen bestand", "geef het bestand zelf op")]
    if not stat.S_ISREG(status.st_mode):
        return None, [Problem(label, 1, what, "dit is geen gewoon bestand", "sla het op als bestand en geef dat op")]
    if status.st_size > limit:
        return None, [Problem(label, 1, what, f"dit bestand is te groot ({status.st_size // (1024 * 1024)} MB, "
                              f"hoogstens {limit // (1024 * 1024)} MB)", "sla alleen het bericht of de bijlage op")]
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(label, 1, what, f"dit bestand kan niet gelezen worden ({error.strerror or error})",
                              "controleer of je het mag lezen")]
    if not data.strip(b"\x00\t\n\r \xef\xbb\xbf\xff\xfe"):
        return None, [Problem(label, 1, what, "dit bestand is leeg", "sla het bericht opnieuw op, met de antwoorden")]
    return data, []


def decode_text(data: bytes) -> tuple[str | None, str]:
    """Text saved by a mail program: by its byte order mark, as UTF-16 when every other byte is NUL, as UTF-8,
    else as Windows-1252, else as latin-1 (which reads every byte). Returns (text or None, the encoding tried)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decoded(data, encoding)
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):  # UTF-16 without a byte order mark
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        return _decoded(data, "utf-16-be" if even > odd else "utf-16-le")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"  # reads every byte


def _decoded(data: bytes, encoding: str) -> tuple[str | None, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None, encoding


def read_message(path: Path) -> Message:
    """The answers' text and the attachments of the e-mail saved at ``path``."""
    data, problems = read_file(path, "bericht", MAX_MESSAGE)
    if data is None:
        return Message(problems=problems)
    text, encoding = decode_text(data)
    if text is None:
        return Message(problems=[Problem(str(path), 1, "bericht", f"de tekst is geen geldige {encoding}",
                                         "sla het bericht opnieuw op als UTF-8-tekst of als .eml")])
    if "\x00" in text:
        return Message(problems=[Problem(str(path), 1, "bericht", "het bestand bevat NUL-tekens: het is geen tekst",
                                         "sla het bericht opnieuw op als tekst of als .eml")])
    text = text.lstrip("\ufeff")
    if not _HEADER.match(text):
        return _with_words(Message(text=text), path)
    raw = data if encoding in ("utf-8", "cp1252", "latin-1") else text.encode("utf-8")
    mail = BytesParser(policy=policy.default).parsebytes(raw)
    if "MIME-Version" not in mail and "Content-Type" not in mail:  # headers printed above a text: keep its encoding
        return _with_words(Message(text=re.split(r"\r?\n[ \t]*\r?\n", text, maxsplit=1)[-1]), path)
    return _with_words(_from_mail(mail, path), path)


def _from_mail(mail: EmailMessage, path: Path) -> Message:
    """The plain-text body and every attachment, at any depth of nesting."""
    label = str(path)
    try:
        body = mail.get_body(preferencelist=("plain",))
    except (KeyError, TypeError):
        body = None
    if body is None:
        html = mail.get_body(preferencelist=("html",))
        reason = "het bericht heeft alleen een HTML-versie" if html is not None else "het bericht heeft geen tekst"
        return Message(problems=[Problem(label, 1, "bericht", reason,
                                         "vraag de afzender de antwoorden als gewone tekst te sturen")])
    message = Message()
    try:
        message.text = body.get_content()
    except LookupError:
        message.problems.append(Problem(label, 1, "bericht", f"het bericht gebruikt een onbekende tekenset "
                                        f"'{body.get_content_charset()}'", "sla het bericht opnieuw op als UTF-8"))
    for part in mail.walk():
        if part is body or part.is_multipart() or part.get_content_maintype() == "message":
            continue
        if part.get_content_disposition() == "attachment" or part.get_content_maintype() in ("image", "application"):
            content = part.get_payload(decode=True) or b""
            if len(content) > MAX_ATTACHMENT:
                message.problems.append(Problem(label, 1, "bijlage", "een bijlage is te groot",
                                                "vraag een kleiner logo of een kleinere foto"))
            elif content:
                message.attachments.append(content)
    return message


def _with_words(message: Message, path: Path) -> Message:
    """Decode MIME encoded-words (``=?utf-8?b?...?=``) a mail program left in the text; one that decodes to
    a line break or another control character is refused (it would start a question of its own)."""
    def decoded(match: re.Match[str]) -> str:
        try:
            word = str(make_header(decode_header(match.group(0))))
        except (LookupError, ValueError, UnicodeDecodeError):
            message.problems.append(Problem(str(path), _line(message.text, match.start()), "bericht",
                                            f"'{match.group(0)[:60]}' kan niet gelezen worden",
                                            "vraag de afzender dit antwoord als gewone tekst"))
            return match.group(0)
        if _CONTROL.search(word):
            message.problems.append(Problem(str(path), _line(message.text, match.start()), "bericht",
                                            "een gecodeerd woord bevat een regeleinde of stuurteken",
                                            "vraag de afzender dit antwoord als gewone tekst"))
            return match.group(0)
        return word

    message.text = _ENCODED_WORDS.sub(decoded, message.text)
    return message


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
