// @palisade/scanner: the scanner service's features: the job consumer, collectors and checks per account × region, Inspector2 (issue: Scanner fleet and checks).
// Nothing is exported yet: the lib is built by its issue.
export {};
