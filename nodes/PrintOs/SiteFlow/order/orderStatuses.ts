/** Order statuses (docs/printos-api.md#order-read): documented ones first, then those only a third party lists. */
const UNDOCUMENTED = "Not in HP's documentation, only in integrators' code (evidence 3P): PrintOS may not use it";

export const ORDER_STATUSES = [
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Data Ready', value: 'dataready' },
	{ name: 'Print Ready', value: 'printready' },
	{ name: 'Shipped', value: 'shipped' },
	{ name: 'Received', description: UNDOCUMENTED, value: 'received' },
	{ name: 'Accepted', description: UNDOCUMENTED, value: 'accepted' },
	{ name: 'Printed', description: UNDOCUMENTED, value: 'printed' },
	{ name: 'On Hold', description: UNDOCUMENTED, value: 'onhold' },
	{ name: 'Error', description: UNDOCUMENTED, value: 'error' },
] as const;
