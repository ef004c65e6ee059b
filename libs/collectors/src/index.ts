// @palisade/collectors: per-service collectors, the only code calling AWS for checks, and the SDK-operation → IAM-action table (issue: Scanner fleet and checks).
// Nothing is exported yet: the lib is built by its issue.
export {};
