"""A model's rule, without code: what the user chose, checked, described in words, and compiled to SQL.

    {"join": "mismatch", "a_key": "统一社会信用代码", "b_key": "统一社会信用代码",
     "conditions": [{"side": "a", "column": "有效期至", "op": "before", "value": "2026-01-01"},
                    {"side": "b", "column": "检查日期", "op": "within_days", "days": 30, "other_side": "a",
                     "other_column": "有效期至"}]}

Columns are named by the field names of the dataset's mapping. The compiler looks each name up in the bound
version's mapping and uses only the JSONB key found there (c0, c1…, generated at import), passed as a query
parameter like every value: nothing the user typed ever becomes SQL.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import PERSONAL_IDENTIFIERS, ColumnType, JoinKind

OPS = {
    "equals": gettext_lazy("等于"),
    "contains": gettext_lazy("包含"),
    "one_of": gettext_lazy("属于其中之一"),
    "above": gettext_lazy("大于"),
    "below": gettext_lazy("小于"),
    "before": gettext_lazy("早于"),
    "after": gettext_lazy("晚于"),
    "within_days": gettext_lazy("相差不超过N天"),
}
NUMBER_OPS = ("above", "below")
DATE_OPS = ("before", "after", "within_days")
MAX_CONDITIONS = 10


def _invalid(message):
    raise ValidationError({"rule": message})


def check_shape(rule):
    """The rule's own consistency, before any dataset is bound. Returns a clean copy."""
    if not isinstance(rule, dict):
        _invalid(_("规则格式无效。"))
    join = rule.get("join")
    if join not in JoinKind.values:
        _invalid(_("请选择匹配方式。"))
    a_key, b_key = (str(rule.get("a_key") or "").strip(), str(rule.get("b_key") or "").strip())
    if not a_key or not b_key:
        _invalid(_("请选择两个数据集的关联字段。"))
    conditions = rule.get("conditions") or []
    if not isinstance(conditions, list) or len(conditions) > MAX_CONDITIONS:
        _invalid(_("条件最多 %(n)s 个。") % {"n": MAX_CONDITIONS})
    clean = []
    for number, cond in enumerate(conditions, start=1):
        if not isinstance(cond, dict):
            _invalid(_("第%(n)s个条件格式无效。") % {"n": number})
        side, op, column = cond.get("side"), cond.get("op"), str(cond.get("column") or "").strip()
        if side not in ("a", "b") or op not in OPS or not column:
            _invalid(_("第%(n)s个条件不完整。") % {"n": number})
        item = {"side": side, "column": column, "op": op}
        value = cond.get("value")
        if op in ("equals", "contains"):
            if value in (None, "") or len(str(value)) > 200:
                _invalid(_("第%(n)s个条件需要填写比较值。") % {"n": number})
            item["value"] = str(value).strip()
        elif op == "one_of":
            values = value if isinstance(value, list) else str(value or "").replace("，", ",").replace("、", ",").split(",")
            values = [str(v).strip() for v in values if str(v).strip()]
            if not values or len(values) > 50:
                _invalid(_("第%(n)s个条件需要填写至少一个可选值。") % {"n": number})
            item["value"] = values
        elif op in NUMBER_OPS:
            try:
                item["value"] = float(value)
                if item["value"] != item["value"] or item["value"] in (float("inf"), float("-inf")):
                    raise ValueError
            except (TypeError, ValueError):
                _invalid(_("第%(n)s个条件的比较值应为数值。") % {"n": number})
        elif op in ("before", "after"):
            try:
                item["value"] = date.fromisoformat(str(value)).isoformat()
            except ValueError:
                _invalid(_("第%(n)s个条件的比较值应为日期（如 2026-03-15）。") % {"n": number})
        else:  # within_days
            try:
                days = int(cond.get("days"))
            except (TypeError, ValueError, OverflowError):
                days = -1
            if not 0 <= days <= 3650:
                _invalid(_("第%(n)s个条件的天数应在 0 至 3650 之间。") % {"n": number})
            other_side, other = cond.get("other_side"), str(cond.get("other_column") or "").strip()
            if other_side not in ("a", "b") or not other:
                _invalid(_("第%(n)s个条件需要选择另一个日期字段。") % {"n": number})
            item.update(days=days, other_side=other_side, other_column=other)
        clean.append(item)
    return {"join": join, "a_key": a_key, "b_key": b_key, "conditions": clean}


def _column(version, name, role, *, types=None, number=None):
    column = version.column_by_name(name)
    if column is None:
        _invalid(_("数据集“%(ds)s”没有字段“%(col)s”。") % {"ds": version.dataset.name, "col": name})
    if types and column["type"] not in types:
        where = _("第%(n)s个条件：") % {"n": number} if number else ""
        _invalid(where + _("字段“%(col)s”的类型不适用于该比较。") % {"col": name})
    return column


def check_against(rule, version_a, version_b):
    """Every column the rule names exists in the bound versions with a type its comparison needs."""
    versions = {"a": version_a, "b": version_b}
    _column(version_a, rule["a_key"], "a")
    _column(version_b, rule["b_key"], "b")
    for number, cond in enumerate(rule["conditions"], start=1):
        types = (ColumnType.NUMBER,) if cond["op"] in NUMBER_OPS else (ColumnType.DATE,) if cond["op"] in DATE_OPS else None
        _column(versions[cond["side"]], cond["column"], cond["side"], types=types, number=number)
        if cond["op"] == "within_days":
            other = versions[cond["other_side"]]
            _column(other, cond["other_column"], cond["other_side"], types=(ColumnType.DATE,), number=number)


# ---------------------------------------------------------------- in words


def _side(side, a_name, b_name):
    return f"“{a_name}”" if side == "a" else f"“{b_name}”"


def describe_condition(cond, a_name, b_name):
    who = _("%(ds)s的“%(col)s”") % {"ds": _side(cond["side"], a_name, b_name), "col": cond["column"]}
    op = cond["op"]
    if op == "within_days":
        other = _("%(ds)s的“%(col)s”") % {"ds": _side(cond["other_side"], a_name, b_name), "col": cond["other_column"]}
        return _("%(who)s与%(other)s相差不超过%(days)s天") % {"who": who, "other": other, "days": cond["days"]}
    value = "、".join(cond["value"]) if op == "one_of" else cond["value"]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _("%(who)s%(op)s“%(value)s”") % {"who": who, "op": OPS[op], "value": value}


def describe(rule, a_name, b_name):
    """What the model will find, in one or two sentences of the user's language."""
    values = {"a": a_name, "b": b_name, "ak": rule["a_key"], "bk": rule["b_key"]}
    if rule["join"] == JoinKind.MISMATCH:
        text = _("找出“%(a)s”中在“%(b)s”里找不到相同“%(bk)s”（对应“%(ak)s”）的记录") % values
    else:
        text = _("找出“%(a)s”中在“%(b)s”里有相同“%(bk)s”（对应“%(ak)s”）的记录") % values
    conds = [describe_condition(c, a_name, b_name) for c in rule["conditions"]]
    a_conds = [d for c, d in zip(rule["conditions"], conds, strict=True) if c["side"] == "a" and c.get("other_side", "a") == "a"]
    b_conds = [d for c, d in zip(rule["conditions"], conds, strict=True) if d not in a_conds]
    if rule["join"] == JoinKind.MISMATCH and b_conds:
        text += _("（只计满足以下条件的对应记录：%(c)s）") % {"c": _("，且").join(b_conds)}
        b_conds = []
    rest = a_conds + b_conds
    if rest:
        text += _("，条件是：%(c)s") % {"c": _("，且").join(rest)}
    return text + _("。")


# ---------------------------------------------------------------- SQL

ROWS = "supervision_models_datasetrow"


def _ref(alias, column, version, params):
    """The SQL of one column of one side: the indexed key column when it is the key, else the JSONB field."""
    if column["key"] == version.key_column:
        return f"{alias}.key"
    params.append(column["key"])
    return f"({alias}.data ->> %s)"


def _like(value):
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _condition_sql(cond, versions, params):
    version = versions[cond["side"]]
    column = version.column_by_name(cond["column"])
    ref = _ref(cond["side"], column, version, params)
    op = cond["op"]
    if op == "equals":
        if column["type"] == ColumnType.NUMBER:
            params.append(cond["value"])
            return f"({ref})::numeric = %s::numeric"
        params.append(cond["value"])
        return f"{ref} = %s"
    if op == "contains":
        params.append(_like(cond["value"]))
        return f"{ref} LIKE %s"
    if op == "one_of":
        params.append(list(cond["value"]))
        return f"{ref} = ANY(%s)"
    if op in ("above", "below"):
        params.append(cond["value"])
        return f"({ref})::numeric {'>' if op == 'above' else '<'} %s"
    if op in ("before", "after"):  # ISO dates compare as text in date order
        params.append(cond["value"])
        return f"{ref} {'<' if op == 'before' else '>'} %s"
    other_version = versions[cond["other_side"]]
    other = _ref(cond["other_side"], other_version.column_by_name(cond["other_column"]), other_version, params)
    params.append(cond["days"])
    return f"abs(({ref})::date - ({other})::date) <= %s"


def _explanation_sql(rule, versions, a_name, b_name, params):
    """The one-line Chinese explanation of a hit, built in SQL from literal pieces (parameters) and the row's values;
    a personal identifier shows only its first and last four characters."""
    pieces = []

    def literal(text):
        params.append(str(text))
        pieces.append("%s")

    def value(side, column):
        version = versions[side]
        params.append(column["key"])
        ref = f"({side}.data ->> %s)"
        if column["type"] == ColumnType.IDENTIFIER and column.get("id_kind") in PERSONAL_IDENTIFIERS:
            ref = f"(left({ref}, 4) || '**********' || right({ref}, 4))"
        del version
        pieces.append(f"coalesce({ref}, '—')")

    a_key = versions["a"].column_by_name(rule["a_key"])
    literal(f"“{a_name}”{rule['a_key']} ")
    value("a", a_key)
    if rule["join"] == JoinKind.MISMATCH:
        literal(_(" 在“%(b)s”中无对应记录") % {"b": b_name})
    else:
        literal(_(" 在“%(b)s”中有对应记录") % {"b": b_name})
    shown = set()
    for cond in rule["conditions"]:
        for side, name in ((cond["side"], cond["column"]), (cond.get("other_side"), cond.get("other_column"))):
            if not side or (side, name) in shown or (side == "b" and rule["join"] == JoinKind.MISMATCH):
                continue
            shown.add((side, name))
            literal(f"；{name}：")
            value(side, versions[side].column_by_name(name))
    return "concat(" + ", ".join(pieces) + ")"


def compile_run(rule, version_a, version_b, *, a_name, b_name):
    """(select SQL, params) of the hits: columns fingerprint, key, snapshot, explanation; the caller adds the id range
    of A's rows as two more parameters (`a.id BETWEEN %s AND %s` is the last condition)."""
    versions = {"a": version_a, "b": version_b}
    mismatch = rule["join"] == JoinKind.MISMATCH
    select_params, inner_params = [], []
    explanation = _explanation_sql(rule, versions, a_name, b_name, select_params)
    if mismatch:
        select = (f"md5(a.data::text), a.key, jsonb_build_object('a', a.data), left({explanation}, 500)")
    else:
        select = (f"md5(a.data::text || '|' || b.data::text), a.key, jsonb_build_object('a', a.data, 'b', b.data), "
                  f"left({explanation}, 500)")
    # In the order they appear in the SQL: B's key, then A's.
    b_key = _ref("b", version_b.column_by_name(rule["b_key"]), version_b, inner_params)
    a_key = _ref("a", version_a.column_by_name(rule["a_key"]), version_a, inner_params)
    join_on = f"b.version_id = %s AND {b_key} = {a_key}"
    join_params = [version_b.pk, *inner_params]
    outer, inner, outer_params, inner_cond_params = [], [], [], []
    for cond in rule["conditions"]:
        sides = {cond["side"], cond.get("other_side") or cond["side"]}
        if mismatch and "b" in sides:
            inner.append(_condition_sql(cond, versions, inner_cond_params))
        else:
            outer.append(_condition_sql(cond, versions, outer_params))
    if mismatch:
        exists = " AND ".join([join_on, *inner])
        sql = (f"SELECT DISTINCT ON (1) {select} FROM {ROWS} a WHERE a.version_id = %s "
               + "".join(f"AND {c} " for c in outer)
               + f"AND NOT EXISTS (SELECT 1 FROM {ROWS} b WHERE {exists}) AND a.id BETWEEN %s AND %s")
        params = [*select_params, version_a.pk, *outer_params, *join_params, *inner_cond_params]
    else:
        sql = (f"SELECT DISTINCT ON (1) {select} FROM {ROWS} a JOIN {ROWS} b ON {join_on} WHERE a.version_id = %s "
               + "".join(f"AND {c} " for c in outer) + "AND a.id BETWEEN %s AND %s")
        params = [*select_params, *join_params, version_a.pk, *outer_params]
    return sql, params


# ---------------------------------------------------------------- the same rule in Python (SQLite, `make run`)


def _matches(cond, rows, versions):
    column = versions[cond["side"]].column_by_name(cond["column"])
    value = rows[cond["side"]].get(column["key"])
    if value is None:
        return False
    op = cond["op"]
    if op == "equals":
        return float(value) == float(cond["value"]) if column["type"] == ColumnType.NUMBER else str(value) == cond["value"]
    if op == "contains":
        return cond["value"] in str(value)
    if op == "one_of":
        return str(value) in cond["value"]
    if op in ("above", "below"):
        return float(value) > cond["value"] if op == "above" else float(value) < cond["value"]
    if op in ("before", "after"):
        return str(value) < cond["value"] if op == "before" else str(value) > cond["value"]
    other_column = versions[cond["other_side"]].column_by_name(cond["other_column"])
    other = rows[cond["other_side"]].get(other_column["key"])
    if other is None:
        return False
    return abs((date.fromisoformat(value) - date.fromisoformat(other)).days) <= cond["days"]


def _explain(rule, versions, rows, a_name, b_name):
    def shown(side, column):
        value = rows[side].get(column["key"])
        if value is None:
            return "—"
        if column["type"] == ColumnType.IDENTIFIER and column.get("id_kind") in PERSONAL_IDENTIFIERS:
            return str(value)[:4] + "**********" + str(value)[-4:]
        return str(value)

    text = f"“{a_name}”{rule['a_key']} " + shown("a", versions["a"].column_by_name(rule["a_key"]))
    if rule["join"] == JoinKind.MISMATCH:
        text += _(" 在“%(b)s”中无对应记录") % {"b": b_name}
    else:
        text += _(" 在“%(b)s”中有对应记录") % {"b": b_name}
    seen = set()
    for cond in rule["conditions"]:
        for side, name in ((cond["side"], cond["column"]), (cond.get("other_side"), cond.get("other_column"))):
            if not side or (side, name) in seen or (side == "b" and rule["join"] == JoinKind.MISMATCH):
                continue
            seen.add((side, name))
            text += f"；{name}：" + shown(side, versions[side].column_by_name(name))
    return text[:500]


def evaluate(rule, version_a, version_b, rows_a, rows_b, *, a_name, b_name):
    """What compile_run's SQL finds, computed in Python over (key, data) rows: yields (fingerprint, key, snapshot,
    explanation). For databases other than PostgreSQL (the quick SQLite setup); the bench and production use SQL."""
    import hashlib
    import json

    versions = {"a": version_a, "b": version_b}
    a_key = version_a.column_by_name(rule["a_key"])["key"]
    b_key = version_b.column_by_name(rule["b_key"])["key"]
    by_key = {}
    for data in rows_b:
        if data.get(b_key) is not None:
            by_key.setdefault(str(data[b_key]), []).append(data)
    mismatch = rule["join"] == JoinKind.MISMATCH
    seen = set()
    for data in rows_a:
        partners = by_key.get(str(data.get(a_key)), []) if data.get(a_key) is not None else []
        outer = [c for c in rule["conditions"] if not (mismatch and "b" in {c["side"], c.get("other_side") or c["side"]})]
        inner = [c for c in rule["conditions"] if c not in outer]
        if mismatch:
            rows = {"a": data, "b": {}}
            if not all(_matches(c, rows, versions) for c in outer):
                continue
            if any(all(_matches(c, {"a": data, "b": b}, versions) for c in inner) for b in partners):
                continue
            found = [(rows, {"a": data})]
        else:
            found = [({"a": data, "b": b}, {"a": data, "b": b}) for b in partners
                     if all(_matches(c, {"a": data, "b": b}, versions) for c in outer)]
        for rows, snapshot in found:
            fingerprint = hashlib.md5(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
            if fingerprint in seen:
                continue
            seen.add(fingerprint)
            yield fingerprint, data.get(a_key), snapshot, _explain(rule, versions, rows, a_name, b_name)
