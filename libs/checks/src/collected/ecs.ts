// Collected data of ecs: filled by the collectors of its service, read by its checks.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by its service's issue work
export interface EcsRegional {}
