/** What other features may read of photos (ARCHITECTURE.md "Modules and walls"). */
export type { DocumentImage } from './image.ts';
