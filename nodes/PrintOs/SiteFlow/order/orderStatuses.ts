/** Order statuses (spec §3.7): documented ones first, then those only a third party lists. */
export const ORDER_STATUSES = [
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Data Ready', value: 'dataready' },
	{ name: 'Print Ready', value: 'printready' },
	{ name: 'Shipped', value: 'shipped' },
	{ name: 'Received [3P]', value: 'received' },
	{ name: 'Accepted [3P]', value: 'accepted' },
	{ name: 'Printed [3P]', value: 'printed' },
	{ name: 'On Hold [3P]', value: 'onhold' },
	{ name: 'Error [3P]', value: 'error' },
] as const;
