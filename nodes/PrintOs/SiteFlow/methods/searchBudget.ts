/**
 * How much of a list one picker request may read. Kept apart from the method modules, whose exports
 * n8n takes as methods.
 */

/** Pages one keystroke of a list search may read: 1,000 entries, a few seconds at PrintOS's rate at worst. */
export const SEARCH_PAGE_BUDGET = 10;

/** Enough for any account's SKU dropdown; beyond it the user types the code as an expression. */
export const MAX_SKUS_IN_LIST = 1000;
