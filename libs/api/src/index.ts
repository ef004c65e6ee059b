// @palisade/api: the api service's features: REST controllers, API keys, webhooks, reports (issue: Reporting API).
// Nothing is exported yet: the lib is built by its issue.
export {};
