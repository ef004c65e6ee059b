// The normaliser's tables: suppression rules (written by the api, applied by the normaliser).
export {
  type NewSuppressionRule,
  type SuppressionRule,
  type SuppressionRulePatch,
  SuppressionRulesRepository,
} from './suppression-rules.repository';
