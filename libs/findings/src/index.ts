// @palisade/findings: OCSF types and mappers, finding identity, severity, status and lifecycle rules (issue: Normaliser and persistence).
// Nothing is exported yet: the lib is built by its issue.
export {};
