// Suppression rules: matching (one SQL statement), the rules.changed consumer and the expiry sweep.
export { applySuppression, type SuppressionContext } from './apply-suppression';
export { globToLike } from './glob-to-like';
export { RulesChangedConsumer } from './rules-changed.consumer';
export {
  SUPPRESSION_EXPIRY_TASK,
  type SuppressionExpiryConfig,
  SuppressionExpiryTask,
} from './suppression-expiry.task';
export { type SuppressionTarget } from './suppression-sql';
