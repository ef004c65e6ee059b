/** Where the app's JSON log lines go: stdout by default; tests override it to read them. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
