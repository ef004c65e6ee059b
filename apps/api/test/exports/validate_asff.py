"""Validates an ASFF export (`{"Findings": [...]}`) for Security Hub BatchImportFindings.

Usage: validate_asff.py <export.json>

Each finding is checked against botocore's own model of the call's input
(`botocore.validate.ParamValidator` on the `BatchImportFindings` input shape:
required members, types, minimum lengths), then against what botocore does not
check but Security Hub enforces: the model's patterns, enums and maximum sizes,
the length limits of the API reference (Title 256, Description 1024, ...),
the ProductArn of a custom integration, timestamp formats and finding types.

Prints one line per problem, `Findings[i].<field>: <why>`, and a summary line
`ok <count>` or `invalid <problems>`; exits 1 when any finding is invalid.
"""

import json
import re
import sys

import botocore.session
from botocore.validate import ParamValidator

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
    """What the AwsSecurityFinding reference documents beyond the model."""
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
        if not isinstance(value, list) or len(value) < minimum:
            problems.append(f"{path}.{field}: at least {minimum} item(s)")
    account = finding.get("AwsAccountId")
    if not isinstance(account, str) or not re.fullmatch(r"\d{12}", account):
        problems.append(f"{path}.AwsAccountId: 12 digits")
    arn = finding.get("ProductArn")
    match = PRODUCT_ARN.match(arn) if isinstance(arn, str) else None
    if match is None or match.group(3) != match.group(4):
        problems.append(
            f"{path}.ProductArn: {arn!r} is not arn:<partition>:securityhub:<region>:<account>:product/<account>/default"
        )
    if finding.get("SchemaVersion") != "2018-10-08":
        problems.append(f"{path}.SchemaVersion: must be 2018-10-08")
    for field in TIMESTAMPS:
        value = finding.get(field)
        if value is not None and (not isinstance(value, str) or not TIMESTAMP.match(value)):
            problems.append(f"{path}.{field}: {value!r} is not a Security Hub timestamp")
    for field in ("Types", "FindingProviderFields.Types"):
        for i, finding_type in enumerate(get(finding, field) or []):
            parts = finding_type.split("/") if isinstance(finding_type, str) else []
            if not 1 <= len(parts) <= 3 or parts[0] not in TYPE_NAMESPACES or "" in parts:
                problems.append(f"{path}.{field}[{i}]: {finding_type!r} is not namespace/category/classifier")
    fields = finding.get("ProductFields") or {}
    if len(fields) > 50:
        problems.append(f"{path}.ProductFields: {len(fields)} pairs, at most 50")
    for key, value in fields.items():
        if len(key) > 128:
            problems.append(f"{path}.ProductFields key {key!r}: at most 128 characters")
        if isinstance(value, str) and len(value) > 2048:
            problems.append(f"{path}.ProductFields.{key}: at most 2048 characters")
    for i, resource in enumerate(finding.get("Resources") or []):
        for field, limit in RESOURCE_MAX_LENGTHS.items():
            value = resource.get(field)
            if isinstance(value, str) and len(value) > limit:
                problems.append(f"{path}.Resources[{i}].{field}: at most {limit} characters")
        partition = resource.get("Partition")
        if partition is not None and partition not in PARTITIONS:
            problems.append(f"{path}.Resources[{i}].Partition: {partition!r} is not a partition")


def main(argv):
    if len(argv) != 2:
        print("usage: validate_asff.py <export.json>", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        document = json.load(handle)
    if not isinstance(document, dict) or set(document) != {"Findings"} or not isinstance(
        document["Findings"], list
    ):
        print('invalid: the document is not {"Findings": [...]}')
        return 1
    model = botocore.session.get_session().get_service_model("securityhub")
    input_shape = model.operation_model("BatchImportFindings").input_shape
    finding_shape = input_shape.members["Findings"].member
    validator = ParamValidator()
    problems = []
    for i, finding in enumerate(document["Findings"]):
        path = f"Findings[{i}]"
        report = validator.validate({"Findings": [finding]}, input_shape)
        if report.has_errors():
            for line in report.generate_report().splitlines():
                if line.strip() and not line.startswith("Parameter validation failed"):
                    problems.append(f"{path}: {line.strip()}")
        if isinstance(finding, dict):
            model_constraints(finding_shape, finding, path, problems)
            reference_limits(finding, path, problems)
    for problem in problems:
        print(problem)
    if problems:
        print(f"invalid {len(problems)}")
        return 1
    print(f"ok {len(document['Findings'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
