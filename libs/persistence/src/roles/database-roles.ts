/**
 * The database roles of docs/architecture.md "Tenancy":
 * - the owner: whoever runs the migrations; owns every table; member of OPERATOR_ROLE.
 * - APP_ROLE: what every service connects as; not owner, not superuser, no BYPASSRLS, so
 *   FORCE ROW LEVEL SECURITY applies to everything it does.
 * - OPERATOR_ROLE: NOLOGIN. The only role named by the `operator_bypass` policies; nobody logs
 *   in as it. Its members (the owner, hence the SECURITY DEFINER functions the owner defines)
 *   see every tenant's rows.
 */
export const APP_ROLE = 'palisade_app';
export const OPERATOR_ROLE = 'palisade_operator';

/** The schema every Palisade table lives in. */
export const APP_SCHEMA = 'public';
