"""Reading an agency's Excel or CSV file: a preview of its first rows, then every row checked against the column
mapping. Every unreadable cell is reported by row and column (in the user's language, Chinese by default);
a file with any problem stores nothing (services.dataset_import)."""

import codecs
import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .models import ColumnType, IdentifierKind

PREVIEW_ROWS = 10
MAX_PROBLEMS = 200  # a file with thousands of bad rows is reported by its first ones
MAX_COLUMNS = 60

# ---------------------------------------------------------------- reading


def read_rows(fileobj, name):
    """The rows of the file (see _read_rows); a file that breaks the reader half-way is refused in words, not a 500."""
    try:
        yield from _read_rows(fileobj, name)
    except ValidationError:
        raise
    except Exception as exc:  # csv.Error (NUL bytes), malformed workbook XML, …
        raise ValidationError({"file": _("无法读取该文件，请检查文件格式后重试。")}) from exc


def _read_rows(fileobj, name):
    """Yield the file's rows as lists of cell values (str, int, float, date, datetime or None); the first is the heading."""
    lower = (name or "").lower()
    fileobj.seek(0)
    if lower.endswith((".xlsx", ".xlsm")):
        try:
            workbook = load_workbook(fileobj, read_only=True, data_only=True)
        except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
            raise ValidationError({"file": _("无法读取该 Excel 文件，请另存为 .xlsx 后重试。")}) from exc
        try:
            for row in workbook.worksheets[0].iter_rows(values_only=True):
                yield list(row)
        finally:
            workbook.close()
        return
    if lower.endswith((".csv", ".txt")):
        raw = fileobj.read()
        if isinstance(raw, str):
            text = raw
        else:
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    text = codecs.decode(raw, encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise ValidationError({"file": _("无法识别该 CSV 文件的编码，请保存为 UTF-8 后重试。")})
        yield from csv.reader(io.StringIO(text))
        return
    raise ValidationError({"file": _("只接受 Excel（.xlsx）或 CSV 文件。")})


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def preview(fileobj, name):
    """The headings, the first rows (as text) and a guessed type per column."""
    rows = read_rows(fileobj, name)
    try:
        headings = next(rows)
    except StopIteration:
        raise ValidationError({"file": _("文件是空的。")}) from None
    headings = [str(h).strip() if not _blank(h) else "" for h in headings]
    while headings and not headings[-1]:
        headings.pop()
    if not headings:
        raise ValidationError({"file": _("第一行应为列名。")})
    if len(headings) > MAX_COLUMNS:
        raise ValidationError({"file": _("列数过多（最多 %(n)s 列）。") % {"n": MAX_COLUMNS}})
    sample = []
    for row in rows:
        if all(_blank(v) for v in row):
            continue
        sample.append([_text(row[i]) if i < len(row) else "" for i in range(len(headings))])
        if len(sample) >= PREVIEW_ROWS:
            break
    columns = [{"source": i, "heading": h or _("第%(n)s列") % {"n": i + 1}, **guess(h, [r[i] for r in sample])}
               for i, h in enumerate(headings)]
    return {"columns": columns, "rows": sample}


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


GUESS_BY_NAME = [
    ("统一社会信用代码", ColumnType.IDENTIFIER, IdentifierKind.USCC),
    ("信用代码", ColumnType.IDENTIFIER, IdentifierKind.USCC),
    ("身份证", ColumnType.IDENTIFIER, IdentifierKind.ID_CARD),
    ("地块编号", ColumnType.IDENTIFIER, IdentifierKind.PARCEL),
    ("图斑编号", ColumnType.IDENTIFIER, IdentifierKind.PARCEL),
    ("车牌", ColumnType.IDENTIFIER, IdentifierKind.PLATE),
]


def guess(heading, values):
    """A type for the mapping to start from; the user confirms or changes it. Most values of a column named like a date
    being dates is enough: the others are then reported as unreadable, not silently kept as text."""
    for word, type_, kind in GUESS_BY_NAME:
        if word in heading:
            return {"type": type_.value, "id_kind": kind.value}
    filled = [v for v in values if v]
    dates = sum(1 for v in filled if _parse_date(v) is not None)
    named_as_date = any(word in heading for word in ("日期", "时间", "有效期", "期限"))
    if filled and (dates == len(filled) or (named_as_date and dates >= 0.7 * len(filled))):
        return {"type": ColumnType.DATE.value, "id_kind": ""}
    if filled and all(_parse_number(v) is not None for v in filled):
        return {"type": ColumnType.NUMBER.value, "id_kind": ""}
    return {"type": ColumnType.TEXT.value, "id_kind": ""}


# ---------------------------------------------------------------- checking and normalising one cell


def _parse_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = re.match(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$", text)
    if not match:
        match = re.match(r"^(\d{4})(\d{2})(\d{2})$", text)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _parse_number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    text = str(value).strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return int(number) if number == number.to_integral_value() else float(number)


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def uscc_check_char(first17):
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def id_card_check_char(first17):
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def valid_uscc(code):
    """GB 32100-2015: 18 characters with a check character."""
    return bool(re.fullmatch(f"[{USCC_CHARS}]{{18}}", code)) and uscc_check_char(code[:17]) == code[17]


def valid_id_card(number):
    """GB 11643-1999: 18 characters, the last a check character."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return id_card_check_char(number[:17]) == number[17]


def convert(value, column):
    """(normalised value, problem): the value as stored in JSONB, or a Chinese sentence saying what is wrong."""
    if _blank(value):
        return None, None
    type_ = column["type"]
    if type_ == ColumnType.NUMBER:
        number = _parse_number(value)
        return (number, None) if number is not None else (None, _("“%(v)s”不是数值") % {"v": _text(value)[:30]})
    if type_ == ColumnType.DATE:
        day = _parse_date(value)
        return (day.isoformat(), None) if day else (None, _("“%(v)s”不是日期（应如 2026-03-15）") % {"v": _text(value)[:30]})
    text = _text(value)
    if type_ == ColumnType.IDENTIFIER:
        text = re.sub(r"\s+", "", text).upper()
        kind = column.get("id_kind")
        if kind == IdentifierKind.USCC and not valid_uscc(text):
            return None, _("“%(v)s”不是有效的统一社会信用代码") % {"v": text[:30]}
        if kind == IdentifierKind.ID_CARD and not valid_id_card(text):
            return None, _("不是有效的身份证号")  # the wrong number itself is not repeated: personal data
        if len(text) > 100:
            return None, _("编号过长（最多100个字符）")
        return text, None
    if len(text) > 2000:
        return None, _("内容过长（最多2000个字符）")
    return text, None


def check_mapping(columns, headings_count):
    """The mapping the user chose: names unique and non-empty, types known, sources inside the file."""
    if not columns:
        raise ValidationError({"columns": _("请至少映射一列。")})
    names = set()
    for column in columns:
        name = (column.get("name") or "").strip()
        if not name:
            raise ValidationError({"columns": _("每个字段都需要名称。")})
        if name in names:
            raise ValidationError({"columns": _("字段名称“%(name)s”重复。") % {"name": name}})
        names.add(name)
        if column.get("type") not in ColumnType.values:
            raise ValidationError({"columns": _("字段“%(name)s”的类型无效。") % {"name": name}})
        if column.get("type") == ColumnType.IDENTIFIER and column.get("id_kind") not in IdentifierKind.values:
            raise ValidationError({"columns": _("请为标识号字段“%(name)s”选择编号种类。") % {"name": name}})
        source = column.get("source")
        if not isinstance(source, int) or not 0 <= source < max(headings_count, 1):
            raise ValidationError({"columns": _("字段“%(name)s”对应的列不存在。") % {"name": name}})


def iter_rows(fileobj, name, columns):
    """Every data row converted: yields (row number, key, {json key: value}, [problems of this row])."""
    rows_in = read_rows(fileobj, name)
    next(rows_in, None)  # headings
    key_column = next((c for c in columns if c.get("is_key")), None)
    for number, row in enumerate(rows_in, start=2):  # Excel's row numbers: the heading is row 1
        if all(_blank(v) for v in row):
            continue
        data, problems = {}, []
        for column in columns:
            i = column["source"]
            value, problem = convert(row[i] if i < len(row) else None, column)
            if problem:
                problems.append({"row": number, "column": column["name"], "problem": problem})
            elif value is not None:
                data[column["key"]] = value
        key = data.get(key_column["key"]) if key_column else None
        if key_column and key is None and not problems:
            problems.append({"row": number, "column": key_column["name"], "problem": _("关键字段不能为空")})
        yield number, None if key is None else str(key), data, problems


def check_rows(fileobj, name, columns, *, progress=None):
    """The first pass: (number of rows, the first MAX_PROBLEMS problems). Nothing is kept in memory."""
    count, problems = 0, []
    for _number, _key, _data, row_problems in iter_rows(fileobj, name, columns):
        count += 1
        if row_problems and len(problems) < MAX_PROBLEMS:
            problems.extend(row_problems[: MAX_PROBLEMS - len(problems)])
        if progress and count % 50_000 == 0:
            progress(count)
    return count, problems
