/** What other features may read of channel points (ARCHITECTURE.md "Modules and walls"); the SQL stays in repository.ts. */
export { findUnitChannelPointKind, listChannelPointRows } from './repository.ts';
