// @palisade/normaliser: the normaliser service's features: OCSF mapping, lifecycle, suppression, scan progress (issue: Normaliser and persistence).
// Nothing is exported yet: the lib is built by its issue.
export {};
