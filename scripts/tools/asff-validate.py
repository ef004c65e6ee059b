"""Validates AWS Security Finding Format (ASFF) findings as boto3 would before sending them to
Security Hub: each BatchImportFindings request ({"Findings": [...]}) against the input shape of
botocore's own `securityhub` service model (required members, types, unknown members, minimum
lengths), with the findings split into requests of at most the model's maximum (100) per call.

Runs with the python of the moto venv (scripts/deps/moto.sh), which has botocore:
    .cache/venv/moto-<version>/bin/python scripts/tools/asff-validate.py < findings.json

stdin: a JSON array of findings. stdout: {"valid": bool, "batches": N, "errors": [...]}, each
error naming its request and the finding's index in the whole array. No findings is valid (no
request to make). Exit 0 when valid, 1 when not, 2 when stdin is not a JSON array.
libs/testing/src/outputs/asff-botocore.ts calls it.
"""

import json
import re
import sys

import botocore.session
from botocore.validate import ParamValidator

FINDING_INDEX = re.compile(r"\bFindings\[(\d+)\]")


def main() -> int:
    try:
        findings = json.load(sys.stdin)
    except ValueError as error:
        print(f"asff-validate: stdin is not JSON: {error}", file=sys.stderr)
        return 2
    if not isinstance(findings, list):
        print("asff-validate: stdin must be a JSON array of findings", file=sys.stderr)
        return 2

    model = botocore.session.get_session().get_service_model("securityhub")
    shape = model.operation_model("BatchImportFindings").input_shape
    batch_size = shape.members["Findings"].metadata["max"]
    validator = ParamValidator()
    batches = [findings[i : i + batch_size] for i in range(0, len(findings), batch_size)]
    errors = []
    for number, batch in enumerate(batches, start=1):
        first = (number - 1) * batch_size
        report = validator.validate({"Findings": batch}, shape)
        if not report.has_errors():
            continue
        where = f"request {number} of {len(batches)} (findings {first}-{first + len(batch) - 1})"
        for line in report.generate_report().splitlines():
            # botocore numbers the findings within the request; name them in the whole array.
            line = FINDING_INDEX.sub(lambda m: f"Findings[{first + int(m.group(1))}]", line)
            errors.append(f"{where}: {line}")

    json.dump({"valid": not errors, "batches": len(batches), "errors": errors}, sys.stdout)
    sys.stdout.write("\n")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
