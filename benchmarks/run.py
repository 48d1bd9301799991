"""rkt-rules benchmark: speed and memory against the hand-written floor.

    python benchmarks/run.py                 # 2,000 plans, the 20,000-plan memory run, cold start
    python benchmarks/run.py --quick         # 200 plans, no 20,000 run (a smoke test)
    python benchmarks/run.py --peer-corpus /tmp/bench/corpus_2000 --peers /tmp/peers
                                             # also the shared harness's corpus, and its peer engines
                                             # (../shared/bench/setup_peers.sh) timed beside us

Corpora are generated (benchmarks/generate.py) into --work and reused only
when the generator, size and seed that made them match. Every timed run must
exit 0 and its findings and file count are compared with the generator's
manifest: a fast wrong engine, or one that failed, fails the benchmark (exit 1).
Ratios are medians of paired runs (ours, floor, ours, floor…) so drift in the
machine's speed cancels out, and the headline runs rkt-rules with --jobs 1
against the one-process floor (the all-cores throughput is shown beside it).
Memory is the whole run's: the peak sum of PSS over its processes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from floor import check_model  # noqa: E402
from generate import write_corpus  # noqa: E402

CORE = str(ROOT / "benchmarks" / "core.toml")
SEED = str(ROOT / "plans" / "kpu-kota-pontianak-2023.txt")
# A document other offices published, whose words are not in the committed tables
# (the seed's all are): a cold start that meets the stemmer and pint.
REAL = str(ROOT / "tests" / "real_documents" / "kemenhub-rkt-2013.txt")
# Every timed check: findings never fail the run, so exit 0 is the only success.
CHECK = [sys.executable, "-m", "rkt_rules", "check", "--fail-on", "never", "--no-cache"]  # cold: every file read and checked


def corpus(work: Path, n: int, seed: int = 1, fault_rate: float = 0.05) -> Path:
    """The generated corpus of ``n`` plans, reused from ``work`` only when the
    generator, size and seed that made it are these: a stale cache would time
    other plans against another manifest."""
    import shutil

    from generate import generator_fingerprint

    folder = work / f"corpus_{n}"
    wanted = {"generator": generator_fingerprint(), "n": n, "seed": seed, "fault_rate": fault_rate}
    if (folder / "manifest.json").exists():
        made = json.loads((folder / "manifest.json").read_text())
        differing = sorted(key for key, value in wanted.items() if made.get(key) != value)
        if not differing:
            return folder
        print(f"refusing the cached corpus {folder}: its {', '.join(differing)} differ; generating it again", file=sys.stderr)
        shutil.rmtree(folder)
    started = time.perf_counter()
    write_corpus(n, folder, seed, fault_rate)
    print(f"generated {n} plans in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


class RunFailed(Exception):
    """A timed run ended with an exit code other than the one expected: its time means nothing."""


def timed(command: list[str], expect: int = 0) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB, this process alone) and exit code of one whole
    process; an unexpected exit code fails the benchmark instead of timing an error."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != expect:
        raise RunFailed(f"{' '.join(command)} exited {code}, not {expect}: {error.strip()[-500:]}")
    return wall, usage.ru_maxrss / 1024, code


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it, from /proc."""
    found, todo = [], [pid]
    while todo:
        here = todo.pop()
        found.append(here)
        try:
            with open(f"/proc/{here}/task/{here}/children") as handle:
                todo += [int(child) for child in handle.read().split()]
        except OSError:
            pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            return next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0


def whole_run(command: list[str], expect: int = 0, every: float = 0.02) -> dict:
    """Wall time and memory of the whole run: the peak of the sum of PSS over the
    process and all its helpers (shared pages counted once, split between the
    processes sharing them), sampled every ``every`` seconds from /proc; and the
    main process's own peak RSS beside it."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, processes = 0, 1
    while process.poll() is None:
        tree = _tree(process.pid)
        peak, processes = max(peak, sum(_pss_kb(pid) for pid in tree)), max(processes, len(tree))
        time.sleep(every)
    wall = time.perf_counter() - started
    error = process.stderr.read().decode(errors="replace")
    if process.returncode != expect:
        raise RunFailed(f"{' '.join(command)} exited {process.returncode}, not {expect}: {error.strip()[-500:]}")
    return {"wall_s": wall, "peak_pss_mb": peak / 1024, "processes": processes}


def paired(ours: list[str], floor: list[str], pairs: int) -> dict:
    timed(ours), timed(floor)  # warm the file cache and the bytecode
    ratios, our_walls, floor_walls = [], [], []
    for _ in range(pairs):
        a, b = timed(ours)[0], timed(floor)[0]
        our_walls.append(a), floor_walls.append(b), ratios.append(a / b)
    return {"ours_s": statistics.median(our_walls), "floor_s": statistics.median(floor_walls),
            "ratio": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios)}


def verify_check_json(path: str, manifest: dict) -> tuple[bool, int]:
    """The run's findings are the manifest's, and it checked every plan (summary.files)."""
    report = json.loads(Path(path).read_text())
    found = report["findings"]
    if report["summary"]["files"] != len(manifest["files"]):
        return False, len(found)
    got: dict[str, Counter] = {}
    for finding in found:
        name = Path(finding["location"]["path"]).stem
        doc = 1 if finding["location"]["unit"].startswith("SEKRETARIAT") else 0
        got.setdefault(name, Counter())[(finding["code"], doc, finding["location"]["goal"], finding["location"]["indicator"])] += 1
    ok = all(got.get(name, Counter()) == Counter(tuple(e) for e in expected) for name, expected in manifest["files"].items())
    return ok and set(got) <= set(manifest["files"]), len(found)


def verify_floor(path: str, manifest: dict) -> bool:
    rows = [json.loads(line) for line in Path(path).read_text().splitlines()]
    return all(Counter(map(tuple, row["findings"])) == Counter(map(tuple, manifest["files"][row["file"]])) for row in rows)


PEER_CODES = {"RKT001": "a", "RKT002": "b", "RKT003": "c", "RKT004": "d", "RKT006": "e"}


def verify_peer_corpus(folder: Path, work: Path) -> dict:
    """Check the shared harness's own corpus (its txt/) and compare with its manifest (rules a–e, 0-based)."""
    out = str(work / "peer.json")
    wall, _, _ = timed([*CHECK, str(folder / "txt"), "--rules", CORE, "--format", "json", "--output", out, "--jobs", "1"])
    report = json.loads(Path(out).read_text())
    got: dict[str, Counter] = {}
    for finding in report["findings"]:
        loc = finding["location"]
        key = (PEER_CODES[finding["code"]], 1 if loc["unit"].startswith("SEKRETARIAT") else 0,
               int(loc["goal"]) - 1 if loc["goal"] else None, loc["indicator"] - 1 if loc["indicator"] else None)
        got.setdefault(Path(loc["path"]).stem, Counter())[key] += 1
    files = json.loads((folder / "manifest.json").read_text())["files"]
    differing = [name for name, entry in files.items()
                 if Counter((f["rule"], f["doc"], f.get("goal"), f.get("indicator")) for f in entry["findings"]) != got.get(Path(name).stem, Counter())]
    every = report["summary"]["files"] == len(files)
    return {"plans": len(files), "wall_s": wall, "files_differing": len(differing), "matches": not differing and every}


HARNESS = ROOT.parent / "shared" / "bench"
PEERS = {  # the shared harness's peers, as its bench.py runs them: name -> script and arguments
    "python-plain": ["py_plain.py"], "zen-expr": ["py_zen.py", "--mode", "expr"],
    "zen-table": ["py_zen.py", "--mode", "table"], "rule-engine": ["py_rule_engine.py"],
}


def peers_beside_us(folder: Path, peers: Path, work: Path, pairs: int) -> dict:
    """Every peer and rkt-rules on the shared corpus, each paired against python-plain
    (the harness's own hand-written floor), as the harness's RESULTS.md pairs them."""
    python = str(peers / "venv" / "bin" / "python")
    plain = [python, str(HARNESS / "peers" / "py_plain.py"), str(folder / "json"), str(work / "plain.jsonl")]
    ours = [*CHECK, str(folder / "txt"), "--rules", CORE, "--format", "json", "--output", str(work / "peer.json"), "--jobs", "1"]
    from_json = [*CHECK, str(json_corpus(folder, work)), "--rules", CORE, "--format", "json", "--output", str(work / "peer-json.json"), "--jobs", "1"]
    rows = {"rkt-rules (from text, --jobs 1)": paired(ours, plain, pairs), "rkt-rules (from JSON, --jobs 1)": paired(from_json, plain, pairs)}
    for name, script in PEERS.items():
        if name != "python-plain":
            command = [python, str(HARNESS / "peers" / script[0]), *script[1:], str(folder / "json"), str(work / f"{name}.jsonl")]
            rows[name] = paired(command, plain, 3 if name == "rule-engine" else pairs)
    return rows


def json_corpus(folder: Path, work: Path) -> Path:
    """The corpus's plans in the JSON of ``parse --format json`` (read here, untimed): the input the peers
    get, pre-parsed. Remade on every run, so it is always what this version's reader gives."""
    import shutil

    from rkt_rules.read import read_plan
    from rkt_rules.report.serialize import plan_to_json

    out = work / f"{folder.name}-plan-json"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for path in sorted((folder / "txt").glob("*.txt")):
        (out / f"{path.stem}.json").write_text(plan_to_json(read_plan(path)), encoding="utf-8")
    return out


def in_process(folder: Path, repeats: int) -> dict:
    from rkt_rules.rules.engine import Engine
    from rkt_rules.read.text import read_text
    from rkt_rules.rules.ruleset import load_rulesets

    import gc

    texts = [(p.read_text(encoding="utf-8"), str(p)) for p in sorted((folder / "txt").glob("*.txt"))]
    read_times = []
    for _ in range(repeats):  # read and let go, as the CLI does: holding 2,000 plans would time the GC instead
        started = time.perf_counter()
        for text, path in texts:
            read_text(text, path)
        read_times.append(time.perf_counter() - started)
    plans = [read_text(text, path) for text, path in texts]
    gc.freeze()  # the held plans are no garbage; neither side of the comparison should pay for rescanning them
    core, default = Engine(load_rulesets([CORE]).enabled()), Engine(load_rulesets(["default"]).enabled())
    ratios, engine_times, floor_times, default_times = [], [], [], []
    for plan in plans[:50]:  # warm caches the same way for both
        core.check(plan), check_model(plan)
    for _ in range(repeats):
        started = time.perf_counter()
        for plan in plans:
            core.check(plan)
        engine = time.perf_counter() - started
        started = time.perf_counter()
        for plan in plans:
            check_model(plan)
        floor = time.perf_counter() - started
        started = time.perf_counter()
        for plan in plans:
            default.check(plan)
        default_times.append(time.perf_counter() - started)
        engine_times.append(engine), floor_times.append(floor), ratios.append(engine / floor)
    n = len(plans)
    return {"plans": n, "read_plans_per_s": n / statistics.median(read_times),
            "core_eval_plans_per_s": n / statistics.median(engine_times), "floor_eval_plans_per_s": n / statistics.median(floor_times),
            "eval_ratio": statistics.median(ratios), "default_eval_plans_per_s": n / statistics.median(default_times)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "rkt-bench")
    parser.add_argument("--quick", action="store_true", help="200 plans, skip the 20,000-plan run")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--peer-corpus", type=Path, help="a corpus made by ../shared/bench/gen_plans.py: check it and compare with its manifest")
    parser.add_argument("--peers", type=Path, help="peer engines installed by ../shared/bench/setup_peers.sh: time them beside us on --peer-corpus")
    args = parser.parse_args()
    try:
        return _run(args)
    except RunFailed as failed:
        print(f"benchmark failed: {failed}", file=sys.stderr)
        return 1


def _run(args) -> int:
    python = sys.executable
    size = 200 if args.quick else 2000
    folder = corpus(args.work, size)
    manifest = json.loads((folder / "manifest.json").read_text())
    results: dict = {"plans": size}
    ok = True

    out = str(args.work / "ours.json")
    floor = [python, str(ROOT / "benchmarks" / "floor.py"), str(folder), str(args.work / "floor.jsonl")]
    ours = [*CHECK, str(folder / "txt"), "--rules", CORE, "--format", "json", "--output", out]
    # The headline: one process against the one-process floor, so the ratio does not
    # move with the machine's core count.
    results["end_to_end"] = paired([*ours, "--jobs", "1"], floor, args.pairs)
    matched, count = verify_check_json(out, manifest)
    floor_ok = verify_floor(str(args.work / "floor.jsonl"), manifest)
    results["end_to_end"].update(findings=count, expected=manifest["total"], matches=matched, floor_matches=floor_ok)
    ok &= matched and floor_ok
    # The same plans given as the JSON of `parse --format json`: the input the floor and the peers get.
    json_out = str(args.work / "ours-json.json")
    from_json = [*CHECK, str(json_corpus(folder, args.work)), "--rules", CORE, "--format", "json", "--output", json_out, "--jobs", "1"]
    results["end_to_end_json"] = paired(from_json, floor, args.pairs)
    matched, count = verify_check_json(json_out, manifest)
    results["end_to_end_json"].update(findings=count, expected=manifest["total"], matches=matched)
    ok &= matched
    cores = os.cpu_count() or 1
    walls = [timed(ours)[0] for _ in range(3)]
    matched, _ = verify_check_json(out, manifest)
    results["end_to_end_all_cores"] = {"cores": cores, "wall_s": statistics.median(walls), "plans_per_s": size / statistics.median(walls), "matches": matched}
    ok &= matched

    # A re-check of the unchanged folder from the cache (.rkt-rules-cache), against the same run cold.
    cache_dir = args.work / "cache"
    import shutil

    shutil.rmtree(cache_dir, ignore_errors=True)
    warm_out = str(args.work / "warm.json")
    warm = [*CHECK[:-1], str(folder / "txt"), "--format", "json", "--output", warm_out, "--jobs", "1", "--cache-dir", str(cache_dir)]
    timed(warm)  # fills the cache
    cold_default = [*CHECK, str(folder / "txt"), "--format", "json", "--output", str(args.work / "cold.json"), "--jobs", "1"]
    results["recheck_cached"] = paired(warm, cold_default, 3)
    same = Path(warm_out).read_bytes() == Path(args.work / "cold.json").read_bytes()
    results["recheck_cached"].update(identical=same)
    ok &= same

    # The default ruleset forms plan sets over the folder; --no-sets checks each plan alone.
    default_out, alone_out = str(args.work / "default.json"), str(args.work / "default-alone.json")
    default_run = [*CHECK, str(folder / "txt"), "--format", "json", "--output", default_out, "--jobs", "1"]
    alone_run = [*CHECK, str(folder / "txt"), "--format", "json", "--output", alone_out, "--jobs", "1", "--no-sets"]
    results["sets"] = paired(default_run, alone_run, 3)
    results["end_to_end_default_ruleset_s"] = results["sets"]["ours_s"]
    ok &= all(json.loads(Path(out_file).read_text())["summary"]["files"] == size for out_file in (default_out, alone_out))

    results["cold_start"] = {}
    for name, path in (("seed", SEED), ("real document", REAL)):
        neutral = args.work / f"cold-{Path(path).stem}.json"
        neutral.write_text(json.dumps(_neutral(path)))
        results["cold_start"][name] = paired([*CHECK, path], [python, str(ROOT / "benchmarks" / "floor.py"), str(neutral), str(args.work / "cold.jsonl")], 10)

    if not args.quick:
        big = corpus(args.work, 20000)
        big_manifest = json.loads((big / "manifest.json").read_text())
        large = whole_run([*CHECK, str(big / "txt"), "--rules", CORE, "--format", "json", "--output", out])
        matched, count = verify_check_json(out, big_manifest)
        results["large"] = {"plans": 20000, **large, "findings": count, "expected": big_manifest["total"], "matches": matched}
        ok &= matched

    if args.peer_corpus:
        results["peer_corpus"] = verify_peer_corpus(args.peer_corpus, args.work)
        ok &= results["peer_corpus"]["matches"]
        if args.peers:
            results["peers"] = peers_beside_us(args.peer_corpus, args.peers, args.work, args.pairs)

    # Last: it holds every plan in this process, and a child forked from a big
    # process reports that process's size as its own peak RSS until it execs.
    results["in_process"] = in_process(folder, 3)
    print(json.dumps(results, indent=2))
    (args.work / "results.json").write_text(json.dumps(results, indent=2))
    print(_table(results))
    return 0 if ok else 1


def _neutral(path: str) -> dict:
    """A plan as the floor reads it (the peers' neutral JSON): what a cold start of
    the floor parses instead of the document itself."""
    from rkt_rules.read import read_plan

    plan = read_plan(path)
    documents = []
    for document in plan.documents:
        goals = [{"no": g.number, "text": g.text, "indicators": [
            {"text": i.text, "target": {"raw": i.target.raw, "value": i.target.value, "grade": i.target.grade,
                                        "unit": "grade" if i.target.kind == "grade" else i.target.unit}} for i in g.indicators]}
                 for g in document.goals]
        sig = document.signature
        documents.append({"unit": document.unit or "", "year": document.fiscal_year, "goals": goals,
                          "signatory": {"role": sig.role if sig else "", "name": sig.name if sig else "", "place": sig.place if sig else "",
                                        "date": sig.date.isoformat() if sig and sig.date else None}})
    return {"documents": documents}


def _table(r: dict) -> str:
    e, a, p = r["end_to_end"], r["end_to_end_all_cores"], r["in_process"]
    rows = [
        "Ratios are rkt-rules with --jobs 1 against the one-process floor; the all-cores run is throughput, beside it.",
        "",
        "| measure | rkt-rules | floor | ratio (median, min..max) | target |",
        "|---|---:|---:|---|---|",
        f"| read text layout (plans/s, 1 process) | {p['read_plans_per_s']:.0f} | | | |",
        f"| rule evaluation, core checks (plans/s, 1 process) | {p['core_eval_plans_per_s']:.0f} | {p['floor_eval_plans_per_s']:.0f} | {p['eval_ratio']:.2f} | ≤ 1.5 |",
        f"| rule evaluation, default ruleset (plans/s, 1 process) | {p['default_eval_plans_per_s']:.0f} | | | |",
        f"| end to end, {r['plans']} plans, text → JSON, --jobs 1 (s) | {e['ours_s']:.3f} | {e['floor_s']:.3f} (from JSON) | {e['ratio']:.2f} ({e['ratio_min']:.2f}..{e['ratio_max']:.2f}) | ≤ 2.1 |",
        *([f"| end to end, {r['plans']} plans, JSON → JSON (parse's JSON in), --jobs 1 (s) | {j['ours_s']:.3f} | {j['floor_s']:.3f} (from JSON) | {j['ratio']:.2f} ({j['ratio_min']:.2f}..{j['ratio_max']:.2f}) | ≤ 2 |"]
          if (j := r.get("end_to_end_json")) else []),
        f"| end to end, {r['plans']} plans, all {a['cores']} cores (s; plans/s) | {a['wall_s']:.3f}; {a['plans_per_s']:.0f} | | | |",
        f"| end to end, default ruleset, --jobs 1 (s) | {r['end_to_end_default_ruleset_s']:.3f} | | | |",
    ]
    if "recheck_cached" in r:
        q = r["recheck_cached"]
        rows.append(f"| re-check of the unchanged folder from the cache, default ruleset, --jobs 1 (s) | {q['ours_s']:.3f} | {q['floor_s']:.3f} (cold) | {q['ratio']:.2f} ({q['ratio_min']:.2f}..{q['ratio_max']:.2f}) | ≤ 0.10; output identical: {q['identical']} |")
    if "sets" in r:
        q = r["sets"]
        rows.append(f"| default ruleset: the folder as plan sets vs each plan alone (--no-sets), --jobs 1 (s) | {q['ours_s']:.3f} | {q['floor_s']:.3f} (alone) | {q['ratio']:.2f} ({q['ratio_min']:.2f}..{q['ratio_max']:.2f}) | ≤ 1.5 |")
    for name, c in r["cold_start"].items():
        rows.append(f"| cold start, {name} (s) | {c['ours_s']:.3f} | {c['floor_s']:.3f} | {c['ratio']:.2f} ({c['ratio_min']:.2f}..{c['ratio_max']:.2f}) | ≤ 10 |")
    if "large" in r:
        q = r["large"]
        rows.append(f"| 20,000 plans, all cores: wall (s) / peak PSS of the whole run, {q['processes']} processes (MB) | {q['wall_s']:.2f} / {q['peak_pss_mb']:.0f} | | | < 300 MB |")
    if "peer_corpus" in r:
        q = r["peer_corpus"]
        rows.append(f"| shared harness corpus, {q['plans']} plans, --jobs 1 (s) | {q['wall_s']:.3f} | | | findings match its manifest: {q['matches']} |")
    if "peers" in r:
        rows += ["", f"Shared harness corpus, {r['peer_corpus']['plans']} plans, each engine paired against the harness's python-plain:", "",
                 "| engine | wall (s) | python-plain (s) | ratio (median, min..max) |", "|---|---:|---:|---|"]
        rows += [f"| {name} | {q['ours_s']:.3f} | {q['floor_s']:.3f} | {q['ratio']:.2f} ({q['ratio_min']:.2f}..{q['ratio_max']:.2f}) |" for name, q in r["peers"].items()]
    rows += ["", "Memory: the peak, over samples every 20 ms, of the sum of PSS (/proc/PID/smaps_rollup) over the run's",
             "process and its helpers: shared pages are split between the processes sharing them, not counted twice."]
    rows.append(f"\nfindings match the manifest: {e['matches'] and a['matches'] and r.get('large', {}).get('matches', True) and r.get('end_to_end_json', {}).get('matches', True)} ({e['findings']} of {e['expected']}); floor matches: {e['floor_matches']}")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
