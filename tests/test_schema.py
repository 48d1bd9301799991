"""The committed JSON Schema of the plan model is the one the model generates."""

import json
from pathlib import Path

import jsonschema

from rkt_rules.model import Plan
from rkt_rules.readers import read_plan
from rkt_rules.serialize import plan_to_dict
from tests.conftest import SEED

SCHEMA = Path("schemas/plan.schema.json")


def test_committed_plan_schema_is_current(golden):
    golden("../../schemas/plan.schema.json", json.dumps(Plan.model_json_schema(mode="serialization"), indent=2, sort_keys=True) + "\n")


def test_seed_parse_validates_against_the_schema():
    jsonschema.validate(plan_to_dict(read_plan(SEED)), json.loads(SCHEMA.read_text()))
