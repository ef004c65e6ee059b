// Collected data of Amazon Macie, per account × region.

export interface MacieStatus {
  /**
   * `ENABLED` or `PAUSED` (suspended) as `GetMacieSession` reports it, or `DISABLED` when Macie
   * was never enabled (or was disabled) in the region: AWS answers that with an error.
   * `UNKNOWN` when an answer carried no status.
   */
  status: string;
  createdAt?: string;
  updatedAt?: string;
  /** How often updated findings are published (`FIFTEEN_MINUTES`, `ONE_HOUR`, `SIX_HOURS`). */
  findingPublishingFrequency?: string;
}

export interface MacieRegional {
  'macie.status': MacieStatus;
}
