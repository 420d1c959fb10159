/** Who a command-line run acts as (ARCHITECTURE.md "Modules and walls"). */
export { actorFor, readerFor } from './acting-user.ts';
