// @palisade/checks: the check framework and the CIS AWS Foundations Benchmark checks, pure over collected data (issue: Scanner fleet and checks).
// Nothing is exported yet: the lib is built by its issue.
export {};
