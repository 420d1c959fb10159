/** What other features may read of units (ARCHITECTURE.md "Modules and walls"); the SQL stays in repository.ts. */
export { findUnitRow, toScope, toUnit, type UnitRow } from './repository.ts';
