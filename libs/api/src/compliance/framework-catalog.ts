import { ALL_CHECKS, type Check, FRAMEWORKS, type FrameworkDefinition } from '@palisade/checks';

/** One requirement of a framework with the checks that implement it (their metadata says so). */
export interface CatalogRequirement {
  readonly id: string;
  readonly title: string;
  readonly profile: string;
  /** The framework's own classification (CIS: automated or manual). */
  readonly assessment: 'automated' | 'manual';
  readonly checkIds: readonly string[];
}

export interface CatalogFramework {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly requirements: readonly CatalogRequirement[];
  /** Every check of the framework (a check counts once per framework, whatever its requirements). */
  readonly checkIds: readonly string[];
}

/**
 * The frameworks Palisade evaluates and which checks implement each requirement, from the
 * @palisade/checks registry (the same source the normaliser's posture snapshots read).
 */
export class FrameworkCatalog {
  readonly frameworks: readonly CatalogFramework[];
  private readonly byId: ReadonlyMap<string, CatalogFramework>;
  /** check id → framework id → requirement ids. */
  private readonly requirementsByCheck: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

  constructor(
    definitions: readonly FrameworkDefinition[] = FRAMEWORKS,
    checks: readonly Check[] = ALL_CHECKS,
  ) {
    const requirementsByCheck = new Map<string, Map<string, readonly string[]>>();
    for (const check of checks) {
      requirementsByCheck.set(
        check.metadata.id,
        new Map(Object.entries(check.metadata.compliance).map(([fw, ids]) => [fw, [...ids]])),
      );
    }
    this.requirementsByCheck = requirementsByCheck;
    this.frameworks = definitions.map((definition) => {
      const checkIds = checks
        .filter((c) => c.metadata.compliance[definition.id] !== undefined)
        .map((c) => c.metadata.id)
        .sort();
      return {
        id: definition.id,
        name: definition.name,
        version: definition.version,
        checkIds,
        requirements: definition.requirements.map((requirement) => ({
          id: requirement.id,
          title: requirement.title,
          profile: requirement.profile,
          assessment: requirement.cisAssessment,
          checkIds: checkIds.filter((id) =>
            requirementsByCheck.get(id)?.get(definition.id)?.includes(requirement.id),
          ),
        })),
      };
    });
    this.byId = new Map(this.frameworks.map((f) => [f.id, f]));
  }

  get ids(): readonly string[] {
    return this.frameworks.map((f) => f.id);
  }

  framework(id: string): CatalogFramework | undefined {
    return this.byId.get(id);
  }

  /** The requirements of `frameworkId` that `checkId` implements (none for an unknown pair). */
  requirementsOf(checkId: string, frameworkId: string): readonly string[] {
    return this.requirementsByCheck.get(checkId)?.get(frameworkId) ?? [];
  }

  /** The checks of a framework, or of one of its requirements; undefined when either is unknown. */
  checksOf(frameworkId: string, requirementId?: string): readonly string[] | undefined {
    const framework = this.byId.get(frameworkId);
    if (!framework) return undefined;
    if (requirementId === undefined) return framework.checkIds;
    return framework.requirements.find((r) => r.id === requirementId)?.checkIds;
  }
}

/** The catalog of this build (frameworks and checks are compiled in). */
export const FRAMEWORK_CATALOG = new FrameworkCatalog();
