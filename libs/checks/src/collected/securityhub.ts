// Collected data of Security Hub, per account × region.

/** The Security Hub hub of a region (`DescribeHub`). */
export interface SecurityHubHub {
  hubArn: string;
  /** When Security Hub was enabled (ISO 8601). */
  subscribedAt?: string;
  autoEnableControls?: boolean;
}

export interface SecurityHubRegional {
  /** The hub, or null when the account is not subscribed to Security Hub in the region. */
  'securityhub.hub': SecurityHubHub | null;
}
