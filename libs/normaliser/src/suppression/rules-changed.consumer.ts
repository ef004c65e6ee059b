import { Injectable, Logger } from '@nestjs/common';
import { type RulesChanged, Topics } from '@palisade/contracts';
import { MessageHandler, TransientError } from '@palisade/messaging';
import { isTransientDatabaseError, TenantTransactions } from '@palisade/persistence';
import { applySuppression } from './apply-suppression';

/**
 * Consumes `rules.changed`: whatever the change (created, updated, deleted), re-applies the
 * tenant's active rules to all its findings in one tenant transaction. Idempotent: a redelivery
 * finds every finding already as the rules say and changes (and announces) nothing.
 */
@Injectable()
export class RulesChangedConsumer {
  private readonly logger = new Logger(RulesChangedConsumer.name);

  constructor(private readonly transactions: TenantTransactions) {}

  @MessageHandler(Topics.rulesChanged)
  async onRulesChanged(message: RulesChanged): Promise<void> {
    let changed: number;
    try {
      changed = await this.transactions.withTenant(message.tenantId, async (manager, tenantId) => {
        const changes = await applySuppression(manager, tenantId, 'all');
        return changes.length;
      });
    } catch (error) {
      if (isTransientDatabaseError(error)) {
        throw new TransientError(
          'DATABASE_UNAVAILABLE',
          `rule ${message.ruleId} (${message.change}) not applied, the database is unavailable`,
          { cause: error },
        );
      }
      throw error;
    }
    if (changed > 0) {
      this.logger.log(
        { tenantId: message.tenantId, ruleId: message.ruleId, change: message.change, changed },
        'suppression rules re-applied',
      );
    }
  }
}
