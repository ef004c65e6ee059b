/** One requirement of a compliance framework. */
export interface FrameworkRequirement {
  readonly id: string;
  readonly title: string;
  readonly profile: string;
  /** The framework's own classification (CIS: Automated or Manual), not Palisade's. */
  readonly cisAssessment: 'automated' | 'manual';
}

/** A supported framework: its id in data and API, and its requirement list. */
export interface FrameworkDefinition {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly requirements: readonly FrameworkRequirement[];
}
