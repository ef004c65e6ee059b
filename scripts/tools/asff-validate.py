"""Validates AWS Security Finding Format (ASFF) findings for Security Hub BatchImportFindings.

The findings are split into requests of at most the model's maximum (100) per call, and each
request ({"Findings": [...]}) is checked twice:
- as boto3 would before sending it: against the input shape of botocore's own `securityhub`
  service model (required members, types, unknown members, minimum lengths);
- against what Security Hub enforces but botocore does not check: the model's patterns, enums
  and maximum sizes, the limits of the AwsSecurityFinding reference (Title 256 characters,
  Description 1024, Resources 1 to 32, ...), the ProductArn of a custom integration (the form
  Palisade imports with), timestamp formats and finding type namespaces. A member botocore
  already refuses as missing or of the wrong type is not reported again.

Runs with the python of the moto venv (scripts/deps/moto.sh), which has botocore:
    ~/.cache/palisade/venv/moto-<version>/bin/python scripts/tools/asff-validate.py < findings.json

stdin: a JSON array of findings. stdout: {"valid": bool, "batches": N, "errors": [...]}, each
error naming its request, then botocore's message or `Findings[i].<field>: <why>`, with i the
finding's index in the whole array. No findings is valid (no request to make). Exit 0 when
valid, 1 when not, 2 when stdin is not a JSON array.
libs/testing/src/outputs/asff-botocore.ts calls it.
"""

import json
import re
import sys

import botocore.session
from botocore.validate import ParamValidator

FINDING_INDEX = re.compile(r"\bFindings\[(\d+)\]")

# Limits from the AwsSecurityFinding reference that the service model does not carry.
MAX_LENGTHS = {
    "Id": 512,
    "GeneratorId": 512,
    "ProductArn": 2048,
    "ProductName": 128,
    "CompanyName": 128,
    "Title": 256,
    "Description": 1024,
    "Severity.Original": 64,
    "FindingProviderFields.Severity.Original": 64,
    "Remediation.Recommendation.Text": 512,
}
MAX_ITEMS = {
    "Types": 50,
    "FindingProviderFields.Types": 50,
    "Resources": 32,
    "Compliance.RelatedRequirements": 32,
}
MIN_ITEMS = {"Resources": 1}
RESOURCE_MAX_LENGTHS = {"Type": 256, "Region": 16}
PRODUCT_FIELDS_MAX_PAIRS = 50
PRODUCT_FIELDS_MAX_KEY = 128
PRODUCT_FIELDS_MAX_VALUE = 2048
PARTITIONS = {"aws", "aws-cn", "aws-us-gov"}
TYPE_NAMESPACES = {
    "Software and Configuration Checks",
    "TTPs",
    "Effects",
    "Unusual Behaviors",
    "Sensitive Data Identifications",
}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")
TIMESTAMPS = ("CreatedAt", "UpdatedAt", "FirstObservedAt", "LastObservedAt")
PRODUCT_ARN = re.compile(
    r"^arn:(aws|aws-cn|aws-us-gov):securityhub:[a-z]{2}(-[a-z]+)+-\d{1,2}:(\d{12}):product/(\d{12})/default$"
)


def get(finding, dotted):
    value = finding
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def model_constraints(shape, value, path, problems):
    """Patterns, enums and maxima of the service model, which ParamValidator skips."""
    kind = shape.type_name
    meta = shape.metadata
    if kind == "string" and isinstance(value, str):
        pattern = meta.get("pattern")
        if pattern and not re.fullmatch(pattern, value, re.S):
            problems.append(f"{path}: does not match the pattern {pattern!r}")
        if shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} is not one of {', '.join(shape.enum)}")
        if "max" in meta and len(value) > meta["max"]:
            problems.append(f"{path}: longer than {meta['max']}")
    elif kind == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                model_constraints(member, value[name], f"{path}.{name}", problems)
    elif kind == "list" and isinstance(value, list):
        if "max" in meta and len(value) > meta["max"]:
            problems.append(f"{path}: more than {meta['max']} items")
        for i, item in enumerate(value):
            model_constraints(shape.member, item, f"{path}[{i}]", problems)
    elif kind == "map" and isinstance(value, dict):
        for key, item in value.items():
            model_constraints(shape.key, key, f"{path} key {key!r}", problems)
            model_constraints(shape.value, item, f"{path}.{key}", problems)


def reference_limits(finding, path, problems):
    """What the AwsSecurityFinding reference documents beyond the model, on members of the
    right type (botocore reports the missing and mistyped ones)."""
    for field, limit in MAX_LENGTHS.items():
        value = get(finding, field)
        if isinstance(value, str) and len(value) > limit:
            problems.append(f"{path}.{field}: {len(value)} characters, at most {limit}")
    for field, limit in MAX_ITEMS.items():
        value = get(finding, field)
        if isinstance(value, list) and len(value) > limit:
            problems.append(f"{path}.{field}: {len(value)} items, at most {limit}")
    for field, minimum in MIN_ITEMS.items():
        value = get(finding, field)
        if isinstance(value, list) and len(value) < minimum:
            problems.append(f"{path}.{field}: at least {minimum} item(s)")
    account = finding.get("AwsAccountId")
    if isinstance(account, str) and not re.fullmatch(r"\d{12}", account):
        problems.append(f"{path}.AwsAccountId: {account!r} is not 12 digits")
    arn = finding.get("ProductArn")
    if isinstance(arn, str):
        match = PRODUCT_ARN.match(arn)
        if match is None or match.group(3) != match.group(4):
            problems.append(
                f"{path}.ProductArn: {arn!r} is not arn:<partition>:securityhub:<region>:<account>:product/<account>/default"
            )
    version = finding.get("SchemaVersion")
    if isinstance(version, str) and version != "2018-10-08":
        problems.append(f"{path}.SchemaVersion: {version!r} is not 2018-10-08")
    for field in TIMESTAMPS:
        value = finding.get(field)
        if isinstance(value, str) and not TIMESTAMP.match(value):
            problems.append(f"{path}.{field}: {value!r} is not a Security Hub timestamp")
    for field in ("Types", "FindingProviderFields.Types"):
        types = get(finding, field)
        for i, finding_type in enumerate(types if isinstance(types, list) else []):
            if not isinstance(finding_type, str):
                continue
            parts = finding_type.split("/")
            if len(parts) > 3 or parts[0] not in TYPE_NAMESPACES or "" in parts:
                problems.append(f"{path}.{field}[{i}]: {finding_type!r} is not namespace/category/classifier")
    fields = finding.get("ProductFields")
    if isinstance(fields, dict):
        if len(fields) > PRODUCT_FIELDS_MAX_PAIRS:
            problems.append(f"{path}.ProductFields: {len(fields)} pairs, at most {PRODUCT_FIELDS_MAX_PAIRS}")
        for key, value in fields.items():
            if len(key) > PRODUCT_FIELDS_MAX_KEY:
                problems.append(f"{path}.ProductFields key {key!r}: at most {PRODUCT_FIELDS_MAX_KEY} characters")
            if isinstance(value, str) and len(value) > PRODUCT_FIELDS_MAX_VALUE:
                problems.append(f"{path}.ProductFields.{key}: at most {PRODUCT_FIELDS_MAX_VALUE} characters")
    resources = finding.get("Resources")
    for i, resource in enumerate(resources if isinstance(resources, list) else []):
        if not isinstance(resource, dict):
            continue
        for field, limit in RESOURCE_MAX_LENGTHS.items():
            value = resource.get(field)
            if isinstance(value, str) and len(value) > limit:
                problems.append(f"{path}.Resources[{i}].{field}: at most {limit} characters")
        partition = resource.get("Partition")
        if isinstance(partition, str) and partition not in PARTITIONS:
            problems.append(f"{path}.Resources[{i}].Partition: {partition!r} is not a partition")


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
    finding_shape = shape.members["Findings"].member
    validator = ParamValidator()
    batches = [findings[i : i + batch_size] for i in range(0, len(findings), batch_size)]
    errors = []
    for number, batch in enumerate(batches, start=1):
        first = (number - 1) * batch_size
        where = f"request {number} of {len(batches)} (findings {first}-{first + len(batch) - 1})"
        problems = []
        report = validator.validate({"Findings": batch}, shape)
        if report.has_errors():
            # botocore numbers the findings within the request; name them in the whole array.
            problems.extend(
                FINDING_INDEX.sub(lambda m: f"Findings[{first + int(m.group(1))}]", line)
                for line in report.generate_report().splitlines()
            )
        for offset, finding in enumerate(batch):
            if isinstance(finding, dict):
                path = f"Findings[{first + offset}]"
                model_constraints(finding_shape, finding, path, problems)
                reference_limits(finding, path, problems)
        errors.extend(f"{where}: {problem}" for problem in problems)

    json.dump({"valid": not errors, "batches": len(batches), "errors": errors}, sys.stdout)
    sys.stdout.write("\n")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
