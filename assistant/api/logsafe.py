"""Logs never carry what people typed (个人信息保护法: households' facts, questions, answers).

Our own code logs only event names, ids and exception types; what could still leak is an exception's message
(pydantic and model errors quote their input), a library's debug log of what it sends, and the query string of an access-log line (a search for
"72岁 年收入1200元"). Installed once per process: every record keeps an exception's type and traceback frames
but not its message (uvicorn logs an exception that reached it, message and all, under its own name), and
uvicorn's access lines lose their query strings."""

from __future__ import annotations

import logging
import traceback

WITHHELD = "（内容已隐去：可能含个人信息）"
_installed = False


def _scrub(record: logging.LogRecord) -> None:
    if record.exc_info and record.exc_info[1] is not None:
        etype, _exc, tb = record.exc_info
        frames = "".join(traceback.format_tb(tb))
        record.exc_text = f"Traceback (most recent call last):\n{frames}{etype.__name__}{WITHHELD}"
    if isinstance(record.args, tuple):
        record.args = tuple(f"{type(a).__name__}{WITHHELD}" if isinstance(a, BaseException) else a for a in record.args)


class DropQueryString(logging.Filter):
    """uvicorn.access records are (client, method, path with query, http version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    make = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = make(*args, **kwargs)
        _scrub(record)
        return record

    logging.setLogRecordFactory(factory)
    logging.getLogger("uvicorn.access").addFilter(DropQueryString())
    # sse-starlette logs every event it sends at DEBUG: answers and the household they restate
    logging.getLogger("sse_starlette").setLevel(logging.INFO)
