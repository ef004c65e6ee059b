import {
  type CollectedData,
  type GlobalCollected,
  type GlobalKey,
  type RegionalCollected,
  type RegionalKey,
} from '../collected';
import { type Outcome } from './outcome';

/**
 * The collected data of one account: what every check reads. A key absent from the snapshot
 * was not collected (no selected check needed it) — asking for it is a programming error.
 */
export interface CollectedSnapshot {
  global<K extends GlobalKey>(key: K): Outcome<GlobalCollected[K]>;
  regional<K extends RegionalKey>(key: K, region: string): Outcome<RegionalCollected[K]>;
}

/** An in-memory snapshot: what the scanner fills and what specs build. */
export class SnapshotBuilder implements CollectedSnapshot {
  private readonly globals = new Map<string, Outcome<unknown>>();
  private readonly regionals = new Map<string, Outcome<unknown>>();

  setGlobal<K extends GlobalKey>(key: K, outcome: Outcome<CollectedData<K>>): this {
    this.globals.set(key, outcome);
    return this;
  }

  setRegional<K extends RegionalKey>(
    key: K,
    region: string,
    outcome: Outcome<CollectedData<K>>,
  ): this {
    this.regionals.set(`${key}@${region}`, outcome);
    return this;
  }

  hasGlobal(key: GlobalKey): boolean {
    return this.globals.has(key);
  }

  hasRegional(key: RegionalKey, region: string): boolean {
    return this.regionals.has(`${key}@${region}`);
  }

  global<K extends GlobalKey>(key: K): Outcome<GlobalCollected[K]> {
    const found = this.globals.get(key);
    if (found === undefined) throw new Error(`collected data ${key} is not in the snapshot`);
    return found as Outcome<GlobalCollected[K]>;
  }

  regional<K extends RegionalKey>(key: K, region: string): Outcome<RegionalCollected[K]> {
    const found = this.regionals.get(`${key}@${region}`);
    if (found === undefined) {
      throw new Error(`collected data ${key} for ${region} is not in the snapshot`);
    }
    return found as Outcome<RegionalCollected[K]>;
  }
}
