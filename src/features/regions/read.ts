/** What other features may read of regions (ARCHITECTURE.md "Modules and walls"); the SQL stays in repository.ts. */
export { findRegion, findVillageBelow } from './repository.ts';
