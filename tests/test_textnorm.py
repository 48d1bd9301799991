"""Stems: the committed table of common words is what Sastrawi says, and a
typical plan is checked without loading Sastrawi at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rkt_rules.examples import example_plan
from rkt_rules.readers import read_plan
from rkt_rules.ruleset import load_rulesets
from rkt_rules.textnorm import STOPWORDS, WORD, sastrawi_stem
from tests.conftest import ROOT, SEED


def _indicator_texts():
    """Indicator texts of the bundled plan, the rule examples, the damaged corpus and the benchmark generator."""
    plans = [read_plan(SEED), read_plan(ROOT / "tests" / "fixtures" / "seed_plan.toml")]
    for path in sorted((ROOT / "tests" / "corpus").glob("*.txt")):
        try:
            plans.append(read_plan(path))
        except Exception:
            pass
    for spec in ("default", "sakip", str(ROOT / "docs" / "examples" / "kalbar.toml")):
        for rule in load_rulesets([spec]).rules:
            plans += [example_plan(snippet) for snippet in (*rule.spec.examples.fail, *rule.spec.examples.pass_)]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate
    from rkt_rules.readers.text import read_text

    plans += [read_text(generate(index, 1, 0.05)[0], "generated.txt") for index in range(300)]
    return {i.text for plan in plans for d in plan.documents for g in d.goals for i in g.indicators}


def test_committed_stems_are_sastrawis_for_the_words_plans_use(golden):
    words = {w for text in _indicator_texts() for w in WORD.findall(text.lower())
             if len(w) > 3 and w.isalpha() and w not in STOPWORDS}
    table = {word: sastrawi_stem(word) for word in sorted(words)}
    golden("../../rkt_rules/stems_table.json", json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def test_checking_the_seed_plan_never_loads_the_stemmer():
    code = ("import sys; from rkt_rules.cli import main; main(['check', %r, '--fail-on', 'never']); "
            "print('Sastrawi' in ' '.join(sys.modules))" % SEED)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "False"
