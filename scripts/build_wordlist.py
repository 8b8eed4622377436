#!/usr/bin/env python3
"""Expand the hunspell ``id_ID`` dictionary into the list of all its word forms (``unmunch``).

The result is the data file of the ``lkip_kamus_id`` distribution (``kamus/``), gzip-compressed
UTF-8 text (``mtime=0``: the same input gives the same bytes) in a front-coded layout that loads
without building one Python object per word: the words, sorted by code point, are grouped by their
first :data:`KEY` letters, one group per line: ``key<TAB>rest rest rest`` (``rest`` = the word
without the key, empty for a word no longer than the key). ``lkip_kamus_id.words()`` yields the
plain list again.

Forms with an upper-case letter inside the word (``pekerjaanNya``, the capitalised pronoun of God;
about half of what the affix rules make) are left out: the spelling rules never look up
mixed-case words, and without them the list is half the size.

How it works (offline, no network):

1. parse the ``.aff`` (``FLAG long``, ``PFX``/``SFX`` with strip, add, continuation flags and
   condition; ``CIRCUMFIX``, ``NEEDAFFIX``) and the ``.dic``;
2. *over-generate* every candidate form of each root: up to two suffixes (the outer one allowed
   by the root or by the inner suffix's continuation flags) and one prefix (allowed by the root,
   a suffix's or the prefix's own continuation flags), conditions checked;
3. keep exactly the candidates that hunspell itself accepts (the ``hunspell`` binding, or
   ``spylls`` when the binding is missing: much slower, same answers), so the list never holds a
   form hunspell rejects; ``--check FILES`` then compares hunspell and the list on every word of
   the given texts, which shows that no accepted form was left out.

    .venv/bin/python scripts/build_wordlist.py [--dic /usr/share/hunspell/id_ID.dic]
        [--out kamus/lkip_kamus_id/id_ID.words.gz] [--check ../shared/seeds/*.txt]
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "kamus" / "lkip_kamus_id" / "id_ID.words.gz"


@dataclass(frozen=True)
class Affix:
    kind: str  # "PFX" or "SFX"
    flag: str
    cross: bool
    strip: str
    add: str
    cont: frozenset[str]
    cond: re.Pattern[str]

    def apply(self, word: str) -> str | None:
        if not self.cond.search(word):
            return None
        if self.kind == "SFX":
            if self.strip and not word.endswith(self.strip):
                return None
            base = word[: len(word) - len(self.strip)] if self.strip else word
            return base + self.add
        if self.strip and not word.startswith(self.strip):
            return None
        return self.add + word[len(self.strip):]


def split_flags(s: str, mode: str) -> frozenset[str]:
    if mode == "long":
        return frozenset(s[i:i + 2] for i in range(0, len(s) - 1, 2))
    if mode == "num":
        return frozenset(x for x in s.split(",") if x)
    return frozenset(s)


def parse_aff(path: Path) -> tuple[dict[str, list[Affix]], dict[str, list[Affix]], str, dict[str, str]]:
    text = path.read_bytes()
    enc = "utf-8"
    m = re.search(rb"^SET\s+(\S+)", text, re.MULTILINE)
    if m:
        enc = {"ISO8859-1": "latin-1"}.get(m.group(1).decode(), m.group(1).decode())
    lines = text.decode(enc).splitlines()
    mode = "char"
    opts: dict[str, str] = {"encoding": enc}
    headers: dict[tuple[str, str], bool] = {}
    pfx: dict[str, list[Affix]] = {}
    sfx: dict[str, list[Affix]] = {}
    for line in lines:
        f = line.split("#", 1)[0].split() if not line.startswith("#") else []
        if not f:
            continue
        if f[0] == "FLAG":
            mode = f[1]
        elif f[0] in ("CIRCUMFIX", "NEEDAFFIX", "FORBIDDENWORD", "KEEPCASE", "ONLYINCOMPOUND"):
            opts[f[0]] = f[1]
        elif f[0] in ("PFX", "SFX") and len(f) >= 4 and f[2] in ("Y", "N") and (f[0], f[1]) not in headers:
            headers[(f[0], f[1])] = f[2] == "Y"
        elif f[0] in ("PFX", "SFX") and len(f) >= 4:
            kind, flag, strip, add = f[0], f[1], f[2], f[3]
            cond = f[4] if len(f) >= 5 else "."
            cont: frozenset[str] = frozenset()
            if "/" in add:
                add, c = add.split("/", 1)
                cont = split_flags(c, mode)
            strip = "" if strip == "0" else strip
            add = "" if add == "0" else add
            rx = re.compile(("^" + cond) if kind == "PFX" else (cond + "$"))
            a = Affix(kind, flag, headers.get((kind, flag), False), strip, add, cont, rx)
            (pfx if kind == "PFX" else sfx).setdefault(flag, []).append(a)
    opts["FLAG"] = mode
    return pfx, sfx, mode, opts


def read_dic(path: Path, enc: str, mode: str) -> list[tuple[str, frozenset[str]]]:
    out = []
    lines = path.read_bytes().decode(enc).splitlines()
    for line in lines[1:]:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word = line.split()[0] if "\t" in line else line.split(" ")[0]
        flags: frozenset[str] = frozenset()
        # a slash escaped as "\/" belongs to the word
        m = re.match(r"^((?:[^/\\]|\\.)+)(?:/(\S*))?", word)
        if m:
            word = m.group(1).replace("\\/", "/")
            flags = split_flags(m.group(2) or "", mode)
        out.append((word, flags))
    return out


def candidates(word: str, flags: frozenset[str], pfx: dict[str, list[Affix]],
               sfx: dict[str, list[Affix]]) -> Iterable[str]:
    """Every form that one prefix and up to two suffixes could make (a superset of the valid)."""
    yield word
    # suffixed forms: (form, flags that allow what comes next)
    forms: list[tuple[str, frozenset[str]]] = [(word, flags)]
    for fl in flags:
        for s1 in sfx.get(fl, ()):
            w1 = s1.apply(word)
            if w1 is None:
                continue
            yield w1
            allow1 = flags | s1.cont
            forms.append((w1, allow1))
            for fl2 in s1.cont | flags:
                for s2 in sfx.get(fl2, ()):
                    w2 = s2.apply(w1)
                    if w2 is not None and w2 != w1:
                        yield w2
                        forms.append((w2, allow1 | s2.cont))
    for form, allow in forms:
        for fl in allow:
            for p in pfx.get(fl, ()):
                wp = p.apply(form)
                if wp is None:
                    continue
                yield wp
                # suffixes allowed by the prefix's continuation flags
                for fl3 in p.cont:
                    for s3 in sfx.get(fl3, ()):
                        ws = s3.apply(form)
                        if ws is not None:
                            wps = p.apply(ws)
                            if wps is not None:
                                yield wps
                                for fl4 in s3.cont:
                                    for s4 in sfx.get(fl4, ()):
                                        w4 = s4.apply(ws)
                                        if w4 is not None:
                                            w4p = p.apply(w4)
                                            if w4p is not None:
                                                yield w4p


def hunspell_checker(dic: Path, aff: Path) -> Callable[[str], bool]:
    try:
        import hunspell  # type: ignore[import-not-found]

        h = hunspell.HunSpell(str(dic), str(aff))

        def check(w: str) -> bool:
            try:
                return bool(h.spell(w))
            except UnicodeEncodeError:
                return False

        return check
    except ImportError:
        from spylls.hunspell import Dictionary  # type: ignore[import-not-found]

        d = Dictionary.from_files(str(dic.with_suffix("")))
        return d.lookup


def expand(dic: Path, aff: Path) -> list[str]:
    pfx, sfx, mode, opts = parse_aff(aff)
    roots = read_dic(dic, opts["encoding"], mode)
    check = hunspell_checker(dic, aff)
    seen: set[str] = set()
    keep: list[str] = []
    for word, flags in roots:
        for c in candidates(word, flags, pfx, sfx):
            if c in seen:
                continue
            seen.add(c)
            if check(c) and not any(ch.isupper() for ch in c[1:]):
                keep.append(c)
    print(f"build_wordlist: {len(roots)} roots, {len(seen)} candidates, {len(keep)} accepted",
          file=sys.stderr)
    return sorted(keep)


KEY = 4  # letters of the group key (keep equal to lkip_kamus_id.KEY)


def encode(words: list[str]) -> bytes:
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        groups.setdefault(w[:KEY], []).append(w[KEY:])
    return "".join(f"{k}\t{' '.join(v)}\n" for k, v in groups.items()).encode("utf-8")


def write(words: list[str], out: Path) -> None:
    data = encode(words)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    with open(tmp, "wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, compresslevel=9,
                                               mtime=0) as gz:
        gz.write(data)
    tmp.replace(out)


def _read(path: Path) -> list[str]:
    out = []
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        key, _, rest = line.partition("\t")
        out.extend(key + r for r in rest.split(" "))
    return out


def check_texts(words: set[str], dic: Path, aff: Path, files: list[Path]) -> int:
    """Compare hunspell and the word list (with the runtime case rules) on every word of ``files``."""
    sys.path.insert(0, str(ROOT))
    from drafter.check.spell import WordList
    from drafter.text.layer import WORD_RE

    wl = WordList.from_bytes(encode(sorted(words)))
    check = hunspell_checker(dic, aff)
    toks: set[str] = set()
    for f in files:
        toks.update(WORD_RE.findall(f.read_text(encoding="utf-8", errors="replace")))
    # mixed-case words (left out of the list on purpose) are never looked up by the rules
    toks = {w for w in toks if not (any(c.isupper() for c in w[1:]) and not w.isupper())}
    diff = sorted(w for w in toks if wl.known(w) != check(w))
    print(f"check: {len(toks)} distinct words (mixed case excluded), {len(diff)} disagree: {diff[:30]}")
    return 1 if diff else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dic", type=Path, default=Path("/usr/share/hunspell/id_ID.dic"))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", type=Path, nargs="*", default=None,
                    help="texts whose every word must get the same answer from hunspell and the list")
    ap.add_argument("--check-only", action="store_true", help="check the existing --out, do not rebuild")
    args = ap.parse_args()
    dic, aff = args.dic, args.dic.with_suffix(".aff")
    if not dic.is_file() or not aff.is_file():
        print(f"build_wordlist: {dic}: dictionary not found (apt-get install hunspell-id)", file=sys.stderr)
        return 2
    if args.check_only:
        words = list(_read(args.out))
        return check_texts(set(words), dic, aff, args.check or [])
    t0 = time.perf_counter()
    words = expand(dic, aff)
    write(words, args.out)
    print(f"build_wordlist: wrote {len(words)} forms to {args.out} ({args.out.stat().st_size} bytes, "
          f"{time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    if args.check:
        return check_texts(set(words), dic, aff, args.check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
