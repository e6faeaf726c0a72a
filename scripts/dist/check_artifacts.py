"""Checks what `make dist` put in dist/, the way a registry and its users would see it.

    python scripts/dist/check_artifacts.py DIST_DIR

For each artifact (the crate, the npm tarball, the wheel, the sdist) it prints the size
and the number of files, then fails on:
  * a file that no pattern of scripts/dist/expected-files.txt allows, or a required file
    missing; a leftover of a build or a checkout (.venv, target/, node_modules, .git,
    __pycache__, *.pyc); anything else in DIST_DIR;
  * a machine-specific string (this checkout's absolute path, a home directory) or a
    private key in any file;
  * versions that differ from the Cargo workspace version (file names, Cargo.toml,
    package.json, wheel METADATA, sdist PKG-INFO, the top CHANGELOG entry), or
    repository/homepage URLs that differ between the three registries;
  * a README that is not the package's own (core/, wasm/, python/README.md) or that
    has a relative link (a registry page has no repository to resolve it against).
The maintained checkers (publint, attw, twine, check-wheel-contents, auditwheel) run
beside this from mk/dist.mk; this script checks what they do not.
"""

from __future__ import annotations

import email.parser
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

failures: list[str] = []


def fail(msg: str) -> None:
    failures.append(msg)
    print(f"  FAIL {msg}")


# --- reading the artifacts ---------------------------------------------------------------


def tar_members(path: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    with tarfile.open(path, "r:gz") as tar:
        for m in tar.getmembers():
            if m.isdir():
                continue
            if not m.isfile():
                fail(f"{path.name}: {m.name} is not a regular file (link or device)")
                continue
            f = tar.extractfile(m)
            out[m.name] = f.read() if f else b""
    return out


def zip_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}


# --- patterns ----------------------------------------------------------------------------


def glob_regex(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:[^/]+/)*"
            i += 3
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out + r"\Z")


def expected_patterns(version: str) -> dict[str, list[tuple[bool, str]]]:
    sections: dict[str, list[tuple[bool, str]]] = {}
    current: list[tuple[bool, str]] | None = None
    for raw in (HERE / "expected-files.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        if current is None:
            raise SystemExit(f"expected-files.txt: pattern before a [section]: {line}")
        required = line.startswith("+")
        current.append((required, line.lstrip("+").replace("{version}", version)))
    return sections


LEFTOVER = re.compile(
    r"(^|/)(\.venv|venv|target|node_modules|\.git|__pycache__|\.pytest_cache|\.mypy_cache)(/|$)"
    r"|\.pyc$|\.orig\.rej$|~$|\.swp$"
)


def check_file_list(name: str, files: list[str], patterns: list[tuple[bool, str]]) -> None:
    compiled = [(req, pat, glob_regex(pat)) for req, pat in patterns]
    for f in files:
        if LEFTOVER.search(f) and not f.endswith("Cargo.toml.orig"):
            fail(f"{name}: build or checkout leftover {f}")
        elif not any(rx.match(f) for _, _, rx in compiled):
            fail(f"{name}: unexpected file {f} (not in scripts/dist/expected-files.txt)")
    for req, pat, rx in compiled:
        if req and not any(rx.match(f) for f in files):
            fail(f"{name}: required file missing: {pat}")


# --- content ----------------------------------------------------------------------------

PRIVATE_KEY = re.compile(rb"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")


def machine_strings() -> list[bytes]:
    """Paths that would tell where and by whom the artifact was built."""
    out = {str(ROOT).encode()}
    home = Path.home()
    if str(home) not in ("/", ""):
        out.add(str(home).encode() + b"/")
    out.add(b"/home/")
    return sorted(out)


def check_contents(name: str, members: dict[str, bytes]) -> None:
    needles = machine_strings()
    for f, data in members.items():
        for needle in needles:
            if needle in data:
                at = data.index(needle)
                context = data[at : at + 80].split(b"\0")[0].decode("utf-8", "replace")
                fail(f"{name}: {f} contains a machine-specific path: {context!r}")
                break
        if PRIVATE_KEY.search(data):
            fail(f"{name}: {f} contains a private key")


MD_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)")
MD_REF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
HTML_LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)""", re.I)


def strip_code(markdown: str) -> str:
    no_fences = re.sub(r"^(```|~~~).*?^\1[ \t]*$", "", markdown, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", no_fences)


def check_readme(name: str, text: str, own: Path) -> None:
    want = own.read_text(encoding="utf-8")
    if text.strip() != want.strip():
        fail(f"{name}: its README is not {own.relative_to(ROOT)}")
    prose = strip_code(text)
    targets = MD_LINK.findall(prose) + MD_REF.findall(prose) + HTML_LINK.findall(prose)
    for t in targets:
        if not re.match(r"(https?://|mailto:|#)", t):
            fail(f"{name}: README link {t!r} is relative (broken on the registry page)")


# --- the four artifacts ------------------------------------------------------------------


def manifest_text(members: dict[str, bytes], path: str) -> str:
    data = members.get(path)
    if data is None:
        fail(f"missing {path}")
        return ""
    return data.decode("utf-8")


def summary(path: Path, members: dict[str, bytes]) -> None:
    size = path.stat().st_size
    unpacked = sum(len(v) for v in members.values())
    print(
        f"{path.name}: {size} bytes ({size / 1024:.1f} KiB), {len(members)} files, "
        f"{unpacked / 1024:.1f} KiB unpacked"
    )


def check_crate(path: Path, version: str, patterns: list[tuple[bool, str]]) -> dict[str, str]:
    members = tar_members(path)
    summary(path, members)
    prefix = f"kubetoken-{version}/"
    check_file_list(path.name, sorted(members), patterns)
    check_contents(path.name, members)
    manifest = tomllib.loads(manifest_text(members, prefix + "Cargo.toml"))
    package = manifest.get("package", {})
    if package.get("version") != version:
        fail(f"{path.name}: Cargo.toml version {package.get('version')} != {version}")
    for key in ("description", "license", "repository", "homepage", "readme", "rust-version"):
        if not package.get(key):
            fail(f"{path.name}: Cargo.toml has no {key}")
    if not package.get("keywords") or not package.get("categories"):
        fail(f"{path.name}: Cargo.toml needs keywords and categories")
    if any(t.get("path", "").startswith("tests/") for t in manifest.get("test", [])):
        fail(f"{path.name}: declares test targets the package does not ship")
    check_readme(path.name, manifest_text(members, prefix + "README.md"), ROOT / "core/README.md")
    return {"repository": package.get("repository", ""), "homepage": package.get("homepage", "")}


def check_npm(path: Path, version: str, patterns: list[tuple[bool, str]]) -> dict[str, str]:
    members = tar_members(path)
    summary(path, members)
    check_file_list(path.name, sorted(members), patterns)
    check_contents(path.name, members)
    pkg = json.loads(manifest_text(members, "package/package.json"))
    if pkg.get("version") != version:
        fail(f"{path.name}: package.json version {pkg.get('version')} != {version}")
    for key in ("description", "license", "repository", "homepage", "engines", "keywords", "exports", "files"):
        if not pkg.get(key):
            fail(f"{path.name}: package.json has no {key}")
    # Every file `exports` names is in the tarball (publint checks this too, with its own
    # rules; this one also covers conditions publint does not know).
    def targets(node: object) -> Iterator[str]:
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for v in node.values():
                yield from targets(v)
        elif isinstance(node, list):
            for v in node:
                yield from targets(v)

    for t in targets(pkg.get("exports", {})):
        if "*" not in t and "package/" + t.removeprefix("./") not in members:
            fail(f"{path.name}: exports names {t}, which is not in the tarball")
    check_readme(path.name, manifest_text(members, "package/README.md"), ROOT / "wasm/README.md")
    repo = pkg.get("repository", {})
    url = repo.get("url", "") if isinstance(repo, dict) else str(repo)
    return {
        "repository": re.sub(r"^git\+|\.git$", "", url),
        "homepage": pkg.get("homepage", ""),
    }


def python_metadata(name: str, text: str, version: str, kind: str) -> dict[str, str]:
    msg = email.parser.Parser().parsestr(text)
    if msg.get("Version") != version:
        fail(f"{name}: {kind} Version {msg.get('Version')} != {version}")
    for key in ("Summary", "Requires-Python", "License-Expression", "Keywords"):
        if not msg.get(key):
            fail(f"{name}: {kind} has no {key}")
    if not msg.get_all("Classifier"):
        fail(f"{name}: {kind} has no classifiers")
    if msg.get("Description-Content-Type", "").split(";")[0] != "text/markdown":
        fail(f"{name}: {kind} description is not text/markdown")
    body = msg.get_payload()
    check_readme(name, body if isinstance(body, str) else "", ROOT / "python/README.md")
    urls = dict(
        (u.split(",", 1)[0].strip().lower(), u.split(",", 1)[1].strip())
        for u in msg.get_all("Project-URL") or []
        if "," in u
    )
    return {"repository": urls.get("repository", ""), "homepage": urls.get("homepage", "")}


def check_wheel(path: Path, version: str, patterns: list[tuple[bool, str]]) -> dict[str, str]:
    members = zip_members(path)
    summary(path, members)
    if not re.fullmatch(rf"kubetoken-{re.escape(version)}-cp310-abi3-[a-z0-9_.]+\.whl", path.name):
        fail(f"{path.name}: not an abi3 (cp310) wheel of version {version}")
    check_file_list(path.name, sorted(members), patterns)
    check_contents(path.name, members)
    check_auditwheel(path)
    meta = manifest_text(members, f"kubetoken-{version}.dist-info/METADATA")
    return python_metadata(path.name, meta, version, "METADATA")


LEGACY_MANYLINUX = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


def manylinux_glibc(tag: str) -> tuple[tuple[int, int], str] | None:
    """(glibc version, arch) of a manylinux platform tag, None for any other tag."""
    m = re.fullmatch(r"manylinux_(\d+)_(\d+)_(\w+)", tag)
    if m:
        return (int(m[1]), int(m[2])), m[3]
    m = re.fullmatch(r"(manylinux1|manylinux2010|manylinux2014)_(\w+)", tag)
    if m:
        return LEGACY_MANYLINUX[m[1]], m[2]
    return None


def check_auditwheel(path: Path) -> None:
    """`auditwheel show` (printed as it is), then: the wheel claims manylinux tags only, and
    none older than the glibc symbols it uses allow."""
    auditwheel = shutil.which("auditwheel")
    if auditwheel is None:
        fail("auditwheel not found (mk/dist.mk installs it into target/dist/venv)")
        return
    run = subprocess.run([auditwheel, "show", str(path)], capture_output=True, text=True)
    print(f"$ auditwheel show {path.name}\n{run.stdout.rstrip()}{run.stderr.rstrip()}")
    if run.returncode != 0:
        fail(f"auditwheel show {path.name} exited {run.returncode}")
        return
    text = " ".join(run.stdout.split())
    m = re.search(r'consistent with the following platform tag: "([^"]+)"', text)
    needed = manylinux_glibc(m[1]) if m else None
    if needed is None:
        fail(f"{path.name}: auditwheel found no manylinux tag it is consistent with")
        return
    claimed = path.name.removesuffix(".whl").split("-")[-1].split(".")
    for tag in claimed:
        have = manylinux_glibc(tag)
        if have is None:
            fail(f"{path.name}: platform tag {tag} is not manylinux (PyPI rejects it)")
        elif have[1] != needed[1] or have[0] < needed[0]:
            fail(f"{path.name}: claims {tag}, but auditwheel says it needs {m[1] if m else '?'}")
    print(f"auditwheel: {path.name} claims {'.'.join(claimed)}; auditwheel: consistent with {m[1] if m else '?'}")


def check_sdist(path: Path, version: str, patterns: list[tuple[bool, str]]) -> dict[str, str]:
    members = tar_members(path)
    summary(path, members)
    check_file_list(path.name, sorted(members), patterns)
    check_contents(path.name, members)
    info = manifest_text(members, f"kubetoken-{version}/PKG-INFO")
    return python_metadata(path.name, info, version, "PKG-INFO")


# --- the repository side -----------------------------------------------------------------


def workspace_version() -> str:
    ws = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))
    return str(ws["workspace"]["package"]["version"])


def check_changelog(version: str) -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    if "keepachangelog.com" not in text or "## [Unreleased]" not in text:
        fail("CHANGELOG.md: not in the Keep a Changelog form (header, [Unreleased] section)")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+[^\]]*)\] - (\d{4}-\d{2}-\d{2}|Unreleased)$", text, re.M)
    if not releases or releases[0][0] != version:
        fail(f"CHANGELOG.md: the newest release entry is {releases[:1]}, not [{version}]")
    if not re.search(rf"^\[{re.escape(version)}\]: \S+", text, re.M):
        fail(f"CHANGELOG.md: no link reference for [{version}]")


def check_crate_readme_example() -> None:
    """core/README.md's Rust example is the root README's, which is a doc test."""

    def rust_blocks(p: Path) -> list[str]:
        return re.findall(r"```rust\n(.*?)```", p.read_text(encoding="utf-8"), re.S)

    if rust_blocks(ROOT / "core/README.md") != rust_blocks(ROOT / "README.md")[:1]:
        fail("core/README.md: its Rust example differs from README.md's (the doc-tested one)")


def main() -> int:
    dist = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "dist"
    version = workspace_version()
    print(f"workspace version {version}; artifacts in {dist.relative_to(ROOT) if dist.is_relative_to(ROOT) else dist}")
    patterns = expected_patterns(version)
    checks: dict[str, tuple[str, Callable[[Path, str, list[tuple[bool, str]]], dict[str, str]]]] = {
        "crate": (f"kubetoken-{version}.crate", check_crate),
        "npm": (f"kubetoken-{version}.tgz", check_npm),
        "wheel": (f"kubetoken-{version}-*.whl", check_wheel),
        "sdist": (f"kubetoken-{version}.tar.gz", check_sdist),
    }
    seen: set[Path] = set()
    urls: dict[str, dict[str, str]] = {}
    for kind, (pattern, check) in checks.items():
        found = sorted(dist.glob(pattern))
        if len(found) != 1:
            fail(f"dist/: expected one {pattern}, found {[p.name for p in found]}")
            continue
        seen.update(found)
        urls[kind] = check(found[0], version, patterns[kind])
    for extra in sorted(set(dist.iterdir()) - seen):
        fail(f"dist/: unexpected {extra.name} (version {version} artifacts only)")
    for key in ("repository", "homepage"):
        values = {kind: u[key] for kind, u in urls.items()}
        if len(set(values.values())) != 1 or not all(values.values()):
            fail(f"{key} URLs differ between the packages: {values}")
        elif "placeholder" in next(iter(values.values())):
            print(f"note: the {key} URL is still a placeholder: {next(iter(values.values()))}")
    npm_pkg = json.loads((ROOT / "wasm/package.json").read_text(encoding="utf-8"))
    if npm_pkg.get("version") != version:
        fail(f"wasm/package.json version {npm_pkg.get('version')} != workspace {version}")
    check_changelog(version)
    check_crate_readme_example()
    if failures:
        print(f"check_artifacts: {len(failures)} problem(s)")
        return 1
    print("check_artifacts: every artifact as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
